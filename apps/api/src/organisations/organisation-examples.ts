/** OpenAPI examples of the organisation endpoints. */
export const examples = {
  createOrganisation: { name: 'Acme Field Research' },
  organisation: {
    orgId: '0b5e1f8e-2a4c-4d1b-9c0e-6f1f4f3b9a11',
    name: 'Acme Field Research',
    createdAt: '2025-01-31T09:30:00.000Z',
  },
  createApiKey: { name: 'survey app (production)', scopes: ['forms:read', 'responses:write'] },
  createdApiKey: {
    keyId: '3f9a1c0d2b7e4a5f6c8d9e01',
    orgId: '0b5e1f8e-2a4c-4d1b-9c0e-6f1f4f3b9a11',
    name: 'survey app (production)',
    scopes: ['forms:read', 'responses:write'],
    createdAt: '2025-01-31T09:31:00.000Z',
    key: 'ck_3f9a1c0d2b7e4a5f6c8d9e01_Vb0Zl8Q2n1mKc3R7xYpT4sWq9uE6aH5jD0fG2iL8oNk',
  },
  apiKeyList: {
    items: [
      {
        keyId: '3f9a1c0d2b7e4a5f6c8d9e01',
        orgId: '0b5e1f8e-2a4c-4d1b-9c0e-6f1f4f3b9a11',
        name: 'survey app (production)',
        scopes: ['forms:read', 'responses:write'],
        createdAt: '2025-01-31T09:31:00.000Z',
        revokedAt: null,
      },
    ],
  },
} as const;
