import { defineUpdate } from '@temporalio/workflow';
import type {
  LeaveRequest,
  LogPersonalTimeInput,
  PersonalTimeEntry,
  RequestLeaveInput,
  WithdrawRequestInput,
} from './types';

export const logPersonalTimeUpdate = defineUpdate<PersonalTimeEntry, [LogPersonalTimeInput]>('logPersonalTime');
export const requestLeaveUpdate = defineUpdate<LeaveRequest, [RequestLeaveInput]>('requestLeave');
export const withdrawRequestUpdate = defineUpdate<LeaveRequest, [WithdrawRequestInput]>('withdrawRequest');
