export { buildProperties, operationProperties } from './properties';
export { executeOperations, jsonRun, requestSettings } from './execute';
export { listItems, listLimit, NEXT_START, START_AT } from './slices';
export { operationsFromFiles } from './actions';
export { keepFields, SIMPLIFY } from './simplify';
export type { Simplify } from './simplify';
export type { OperationFile, OperationHead, OwnOperationHead } from './actions';
export { asFormRequest, buildRequest, requestFor, wireValues } from './wire';
export { invalidInput } from './values';
export { CAMPAIGN_OPTIONS, skippedItem } from '../campaign';
export type { SendTracking } from '../campaign';
export { PROGRESS_MIN_RECIPIENTS } from '../campaign';
export { failureFields, selectRecipients, sendInChunks } from './chunks';
export type { ChunkPosition, ChunkedSend } from './chunks';
export { fieldLocation, onTimeoutOf, resolveOperation } from './table';
export { idFromList, locatorField } from './locator';
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
	TableOperation,
} from './types';
