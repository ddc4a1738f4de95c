import type { Showcase } from '../../../domain/community/showcases.ts';
import { showcaseImageUrl } from '../../api/showcases/present.ts';

/** A showcase's image at the widths kept, the browser picking the one its layout needs; nothing without an image. */
export function ShowcasePicture({ s, widths, sizes }: { s: Showcase; widths: readonly number[]; sizes: string }) {
  if (!s.image || !widths.length) return null;
  const srcset = widths.map((w) => `${showcaseImageUrl(s.id, w)} ${w}w`).join(', ');
  const middle = widths[Math.min(1, widths.length - 1)]!;
  return (
    <picture>
      <source type="image/webp" srcSet={srcset} sizes={sizes} />
      <img src={showcaseImageUrl(s.id, middle)} alt={s.imageAlt} loading="lazy" decoding="async" />
    </picture>
  );
}
