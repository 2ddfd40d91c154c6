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
export type { FieldSpec, FieldType, NodeApi, OperationInput, OperationSpec } from './types';
