import { useT } from '../components/page-context.ts';

/** An organization as the filter offers it. */
export interface OrganizationChoice {
  slug: string;
  name: string;
}

/** The area and organization fields of the problem filters, shared by the list and the map. */
export function AreaOrganizationFields({ area, organization, organizations }: { area: string | undefined; organization: string | undefined; organizations: readonly OrganizationChoice[] }) {
  const t = useT();
  return (
    <>
      <div class="usa-form-group">
        <label class="usa-label" for="area">{t.t('problems.area')}</label>
        <input id="area" name="area" type="text" class="usa-input" value={area ?? ''} maxLength={100} />
      </div>
      <div class="usa-form-group">
        <label class="usa-label" for="organization">{t.t('problemMaps.organization')}</label>
        <select id="organization" name="organization" class="usa-select">
          <option value="">{t.t('problems.any')}</option>
          {organizations.map((o) => (
            <option key={o.slug} value={o.slug} selected={organization === o.slug}>{o.name}</option>
          ))}
        </select>
      </div>
    </>
  );
}
