export { buildProperties } from './properties';
export { buildRequest, executeOperations, requestSettings } from './execute';
export { invalidInput } from './values';
export type { FieldSpec, FieldType, NodeApi, OperationInput, OperationSpec } from './types';
