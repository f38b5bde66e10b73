/**
 * Temporal records an error's message and stack trace in clear unless the failure
 * converter moves them into a payload, which the payload codec then encrypts like any
 * other. Loaded by path (the SDK's `failureConverterPath`) in clients, workers and the
 * workflow bundle, so it imports nothing beyond the SDK's common package.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
