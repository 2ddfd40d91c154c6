export { buildProperties } from './properties';
export { executeOperations, jsonRun, listLimit, requestSettings } from './execute';
export { asFormRequest, buildRequest, requestFor, wireValues } from './wire';
export { invalidInput } from './values';
export { CAMPAIGN_OPTIONS, skippedItem } from '../campaign';
export type { SendTracking } from '../campaign';
export { PROGRESS_MIN_RECIPIENTS } from '../campaign';
export { failureFields, selectRecipients, sendInChunks } from './chunks';
export type { ChunkPosition, ChunkedSend } from './chunks';
export { fieldLocation, onTimeoutOf, resolveOperation } from './table';
export type { ResolvedField, ResolvedOperation } from './table';
export type {
	FieldLocation,
	FieldSpec,
	FieldType,
	NodeApi,
	OnTimeout,
	OperationInput,
	OperationSpec,
	OwnOperation,
	ResourceLocatorModes,
	RunOperation,
	SendSpec,
} from './types';
