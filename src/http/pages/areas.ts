import type { PageArea } from './area.ts';
import { accountArea } from './account/routes.ts';
import { adminArea } from './admin/routes.ts';
import { jobsArea } from './jobs/routes.ts';
import { catalogArea } from './catalog/routes.ts';
import { communityArea } from './community/routes.ts';
import { datasetArea } from './dataset/routes.ts';
import { homeArea } from './home/routes.ts';
import { moderationArea } from './moderation/routes.ts';
import { organizationsArea } from './organizations/routes.ts';
import { problemsArea } from './problems/routes.ts';
import { problemMapArea } from './problems/map-routes.ts';
import { publishArea } from './publish/routes.ts';
import { requestsArea } from './requests/routes.ts';
import { siteArea } from './site-routes.ts';
import { showcasesArea } from './showcases/routes.ts';
import { championsArea } from './champions/routes.ts';
import { programArea } from './program/routes.ts';
import { ecosystemArea } from './ecosystem/routes.ts';
import { eventsArea } from './events/routes.ts';
import { projectsArea } from './projects/routes.ts';
import { harvestArea } from './harvest/routes.ts';
import { searchArea } from './search/routes.ts';
import { peersArea } from './peers/routes.ts';

/** Every page area, registered by `http/app.ts`; a new area is one line here. Shared page code (components/, the page context, the language switch, the page cache, error pages) belongs to none. */
export const PAGE_AREAS: readonly PageArea[] = [siteArea, homeArea, catalogArea, datasetArea, organizationsArea, communityArea, problemsArea, requestsArea, showcasesArea, accountArea, publishArea, adminArea, moderationArea, problemMapArea, championsArea, programArea, ecosystemArea, eventsArea, projectsArea, harvestArea, searchArea, peersArea, jobsArea];
