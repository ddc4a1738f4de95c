import type { FastifyInstance } from 'fastify';
import type { HttpContext } from '../context.ts';
import { accountRoutes } from './accounts/routes.ts';
import { activityRoutes } from './activity/routes.ts';
import { datasetRoutes } from './datasets/routes.ts';
import { jobEventRoutes } from './jobs/events.ts';
import { jobRoutes } from './jobs/routes.ts';
import { jobQueueRoutes } from './jobs/queue-routes.ts';
import { moderationRoutes } from './moderation/routes.ts';
import { organizationRoutes } from './organizations/routes.ts';
import { problemRoutes } from './problems/routes.ts';
import { problemLinkRoutes } from './problems/link-routes.ts';
import { exportRoutes } from './records/export-routes.ts';
import { recordsRoutes } from './records/routes.ts';
import { requestRoutes } from './requests/routes.ts';
import { showcaseRoutes } from './showcases/routes.ts';
import { projectRoutes } from './projects/routes.ts';
import { siteApiRoutes } from './site/routes.ts';
import { subscriptionRoutes } from './subscriptions/routes.ts';
import { systemRoutes } from './system/routes.ts';
import { championRoutes } from './champions/routes.ts';
import { programRoutes } from './program/routes.ts';
import { ecosystemRoutes } from './ecosystem/routes.ts';
import { eventRoutes } from './events/routes.ts';
import { harvestRoutes } from './harvest/routes.ts';
import { peerRoutes } from './peers/routes.ts';

/** A resource of the JSON API under `/api/v1`: its folder's routes. */
export interface ApiResource {
  name: string;
  routes(app: FastifyInstance, ctx: HttpContext): void;
}

/** Every API resource, registered in this order by `http/app.ts` (the OpenAPI document lists them so); a new one is one line here. */
export const API_RESOURCES: readonly ApiResource[] = [
  { name: 'system', routes: systemRoutes },
  { name: 'datasets', routes: datasetRoutes },
  { name: 'records', routes: recordsRoutes },
  { name: 'export', routes: exportRoutes },
  { name: 'jobs', routes: jobRoutes },
  { name: 'job-events', routes: jobEventRoutes },
  { name: 'accounts', routes: accountRoutes },
  { name: 'organizations', routes: organizationRoutes },
  { name: 'activity', routes: activityRoutes },
  { name: 'subscriptions', routes: subscriptionRoutes },
  { name: 'site', routes: siteApiRoutes },
  { name: 'problems', routes: problemRoutes },
  { name: 'requests', routes: requestRoutes },
  { name: 'showcases', routes: showcaseRoutes },
  { name: 'moderation', routes: moderationRoutes },
  { name: 'problem-links', routes: problemLinkRoutes },
  { name: 'champions', routes: championRoutes },
  { name: 'program', routes: programRoutes },
  { name: 'ecosystem', routes: ecosystemRoutes },
  { name: 'events', routes: eventRoutes },
  { name: 'projects', routes: projectRoutes },
  { name: 'harvest', routes: harvestRoutes },
  { name: 'peers', routes: peerRoutes },
  { name: 'job-queue', routes: jobQueueRoutes },
];
