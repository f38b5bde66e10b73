import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActingUser } from '../../platform/workflow/records';
import type { HoursEntry, MenteeKind } from './types';

/** The certified mentor logs professional development (12 hours renew the certification). */
export const logDevelopmentUpdate = defineUpdate<
  { hoursInPeriod: number },
  [{ date: string; hours: number; topic: string; actor: ActingUser }]
>('logDevelopment');
/** A placement holds the mentor: refused unless certified, of the right kind and under capacity. */
export const reservePlacementUpdate = defineUpdate<
  { openPlacements: number },
  [{ placementId: string; kind: MenteeKind }]
>('reservePlacement');
/** From a placement: it ended (closed or cancelled), freeing the mentor. */
export const placementEndedSignal = defineSignal<[{ placementId: string }]>('placementEnded');
/** From a placement, as it starts: it runs, so it holds the mentor whatever the read model shows yet. */
export const placementStartedSignal = defineSignal<[{ placementId: string }]>('placementStarted');
/** The mentee logs hours; the mentor confirms each entry. */
export const logPlacementHoursUpdate = defineUpdate<
  HoursEntry,
  [{ date: string; hours: number; activity: string; actor: ActingUser }]
>('logPlacementHours');
