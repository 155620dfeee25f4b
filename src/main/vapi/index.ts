/**
 * The VAPI area's public face: the client, its error type and the call shapes.
 */
export { VapiClient, type VapiClientOptions } from './client';
export { VapiError, isVapiError, VAPI_ERROR_KINDS, type VapiErrorKind, type VapiOperation } from './errors';
export {
  VAPI_CALL_STATUSES,
  CUSTOMER_NAME_MAX_LENGTH,
  parseVapiAssistant,
  parseVapiCall,
  parseVapiCallList,
  parseVapiPhoneNumber,
  recordingUrlOf,
  transcriptOf,
  type CreateCallBody,
  type CreateCallOptions,
  type CreateCallRequest,
  type ListCallsQuery,
  type VapiAnalysis,
  type VapiArtifact,
  type VapiAssistant,
  type VapiCall,
  type VapiPhoneNumber,
  type VapiCallStatus,
  type VapiMessage,
  type VapiSubscriptionLimits,
} from './types';
