export { buildProperties } from './properties';
export {
	asFormRequest,
	buildRequest,
	executeOperations,
	requestFor,
	requestSettings,
	wireValues,
} from './execute';
export { invalidInput } from './values';
export { CAMPAIGN_OPTIONS, PROGRESS_MIN_RECIPIENTS, skippedItem } from './campaign';
export type { SendTracking } from './campaign';
export type {
	FieldSpec,
	FieldType,
	NodeApi,
	OperationInput,
	OperationSpec,
	SendSpec,
} from './types';
