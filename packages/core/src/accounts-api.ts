// Accounts managed in the web app, the user's own password and sessions: request and response
// schemas shared by api and web.
import { z } from 'zod';
import { levelSchema, schemeIdSchema } from './schemes';
import { typeMessage } from './zod-config';

/** Roles from the most to the least powerful: nobody gives a role above their own. */
export const ACCOUNT_ROLES = ['admin', 'central', 'province', 'viewer'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];
export const accountRoleSchema = z.enum(ACCOUNT_ROLES);

/** A higher rank is a more powerful role: roleRank('admin') > roleRank('central'). */
export const roleRank = (role: AccountRole): number => ACCOUNT_ROLES.length - ACCOUNT_ROLES.indexOf(role);

export const ACCOUNT_MIN_PASSWORD_LENGTH = 8;
export const ACCOUNT_MAX_PASSWORD_LENGTH = 256;
/** Rows of one bulk-create file; a larger team is created in several files. */
export const MAX_ACCOUNT_ROWS = 500;
/** Bytes of one bulk-create upload (the multipart envelope included). */
export const MAX_ACCOUNT_FILE_BYTES = 60 * 1024;

export const usernameSchema = z
  .string({ error: typeMessage('account_field_username_required') })
  .trim()
  .regex(/^[\p{L}\p{N}._@-]{1,64}$/u, 'account_row_username_invalid');

/** A scope unit written 'scheme:code', e.g. 'reform34:51'. */
export const scopeTextSchema = z
  .string({ error: typeMessage('account_field_scope_text') })
  .trim()
  .regex(/^(legacy63|reform34):\d{2}(\d|\d{3})?$/, 'account_field_scope_format');

export const accountScopeSchema = z.object({ scheme: schemeIdSchema, code: z.string(), name: z.string(), level: levelSchema });

export const accountSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    role: accountRoleSchema,
    scopes: z.array(accountScopeSchema).meta({ description: "A province officer's units (either scheme); empty for the other roles" }),
    isDisabled: z.boolean(),
    mustChangePassword: z.boolean().meta({ description: 'true until the user replaces a temporary password' }),
    createdAt: z.string(),
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof accountSchema>;

export const accountListSchema = z
  .object({ items: z.array(accountSchema).meta({ description: 'The accounts you may manage, by username' }) })
  .meta({ id: 'AccountList' });
export type AccountList = z.infer<typeof accountListSchema>;

export const accountParamsSchema = z.object({
  id: z.string().regex(/^[1-9]\d{0,14}$/, 'account_field_id'),
});

const scopesBodySchema = z
  .array(scopeTextSchema)
  .max(50)
  .meta({ description: "A province officer's units, each '<scheme>:<unit code>'; empty (or absent) for the other roles" });

/** POST /accounts */
export const createAccountBodySchema = z
  .strictObject({ username: usernameSchema, role: accountRoleSchema, scopes: scopesBodySchema.default([]) })
  .meta({ id: 'CreateAccountRequest' });
export type CreateAccountBody = z.infer<typeof createAccountBodySchema>;

/** PATCH /accounts/{id} */
export const updateAccountBodySchema = z
  .strictObject({ role: accountRoleSchema.optional(), scopes: scopesBodySchema.optional() })
  .refine((body) => body.role !== undefined || body.scopes !== undefined, { message: 'account_field_role_or_scopes', path: ['role'] })
  .meta({ id: 'UpdateAccountRequest' });
export type UpdateAccountBody = z.infer<typeof updateAccountBodySchema>;

export const accountWithPasswordSchema = z
  .object({
    account: accountSchema,
    temporaryPassword: z.string().meta({ description: 'Shown this once; the user must replace it at their next sign-in' }),
  })
  .meta({ id: 'AccountWithTemporaryPassword' });
export type AccountWithPassword = z.infer<typeof accountWithPasswordSchema>;

export const accountBulkRowSchema = z.object({
  row: z.number().int().meta({ description: 'The row number as the spreadsheet counts (1 = first row)' }),
  username: z.string(),
  role: z.string(),
  scopes: z.array(z.string()),
  errors: z
    .array(
      z.object({
        column: z.string(),
        message: z.string().meta({ description: 'In the language of the request' }),
        key: z.string().meta({ description: 'The stable key of the message' }),
        params: z.record(z.string(), z.unknown()),
      }),
    )
    .meta({ description: 'Empty when the row can be created' }),
  temporaryPassword: z.string().nullable().meta({ description: 'Once created (not in a dry run): the temporary password, shown this once' }),
});
export type AccountBulkRow = z.infer<typeof accountBulkRowSchema>;

export const accountBulkResultSchema = z
  .object({
    dryRun: z.boolean(),
    created: z.number().int().meta({ description: 'Accounts created (0 in a dry run, or when some row has an error)' }),
    invalid: z.number().int().meta({ description: 'Rows with at least one error' }),
    rows: z.array(accountBulkRowSchema),
  })
  .meta({ id: 'AccountBulkResult' });
export type AccountBulkResult = z.infer<typeof accountBulkResultSchema>;

export const accountBulkFormSchema = z.object({
  file: z.any().meta({ type: 'string', format: 'binary', description: 'CSV or XLSX with the columns username (Tên đăng nhập), role (Vai trò), scope (Phạm vi)' }),
  dryRun: z.enum(['true', 'false']).default('true').meta({ description: 'true (default): check every row and write nothing; false: create every account, only when no row has an error' }),
});

/** A password field; `requiredKey` is the catalogue key saying which password is missing. */
const passwordSchema = (requiredKey: string) => z.string({ error: typeMessage(requiredKey) }).min(1).max(ACCOUNT_MAX_PASSWORD_LENGTH);

/** POST /auth/password */
export const changePasswordBodySchema = z
  .strictObject({
    currentPassword: passwordSchema('account_field_current_password_required'),
    newPassword: passwordSchema('account_field_new_password_required').min(ACCOUNT_MIN_PASSWORD_LENGTH),
  })
  .meta({ id: 'ChangePasswordRequest' });
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

export const ownSessionSchema = z.object({
  id: z.string().meta({ description: 'Names the session for DELETE /auth/sessions/{id}; not a credential' }),
  createdAt: z.string(),
  expiresAt: z.string(),
  userAgent: z.string().nullable().meta({ description: 'The browser that signed in, as it described itself' }),
  isCurrent: z.boolean().meta({ description: 'The session of this request' }),
});
export type OwnSession = z.infer<typeof ownSessionSchema>;

export const ownSessionListSchema = z.object({ items: z.array(ownSessionSchema) }).meta({ id: 'OwnSessionList' });
export type OwnSessionList = z.infer<typeof ownSessionListSchema>;

export const ownSessionParamsSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{16}$/, 'account_field_session_id'),
});
