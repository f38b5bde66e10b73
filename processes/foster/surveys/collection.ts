/**
 * The data of a `survey_collection` task (a relationship survey the case worker collects by
 * phone): the answers, each item's value, when the outcome is `collected`; nothing when it is
 * `unreachable`. Its shape only: the instrument the survey was sent with checks the items and
 * their scale when the answers are recorded. Pure data, loaded with the descriptor.
 */
import { z } from 'zod';

export const SURVEY_COLLECTION_OUTCOMES = ['collected', 'unreachable'] as const;

export const surveyCollectionData = () =>
  z
    .object({
      answers: z
        .array(
          z
            .object({
              itemId: z.string().min(1).max(40),
              value: z.number().int().min(0).max(10),
            })
            .strict(),
        )
        .min(1)
        .max(30)
        .optional(),
    })
    .strict();
