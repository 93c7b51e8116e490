export { checkClientScopes } from './client-scopes.ts';
export { identityAdminModule } from './identity-admin-module.ts';
export { identityMasterKey } from './identity-master-key.ts';
export { checkStaffUser, type StaffFields, withStaffCheck } from './staff-check.ts';
export { SWEEP_IDENTITY_TASK } from './sweep-task.ts';
