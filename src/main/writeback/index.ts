/** Write-back to the courier: what the customer said, sent where the courier acts on it. */
export {
  IThinkNdrClient,
  ITHINK_NDR_PATH,
  ITHINK_NDR_URL,
  ndrShipment,
  type IThinkNdrOptions,
  type NdrAction,
  type NdrResult,
} from './ithink-ndr';
export {
  AUTO_SENT_KINDS,
  courierRequestFor,
  nextWorkingDay,
  type CourierActionInput,
  type CourierRequest,
} from './courier-request';
export { courierFromSettings, type CourierChoice } from './from-settings';
