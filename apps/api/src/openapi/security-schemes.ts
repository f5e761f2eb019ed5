/** Names of the OpenAPI security schemes (components.securitySchemes). */
export const BEARER_KEY_SCHEME = 'api-key';
export const HEADER_KEY_SCHEME = 'x-api-key';
export const ADMIN_KEY_SCHEME = 'admin-key';
