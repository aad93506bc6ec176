import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { CATALOGUE, LANGUAGES, languageOf, msg, type Message, type MessageKey } from '../messages';
import { errorBody, fieldsSummary, type FieldIssue } from './errors';
import type { SessionUser } from '../auth/user';
import type { Services } from './services';

export type AppEnv = { Variables: { services: Services; user: SessionUser | null } };

/** A parameter name as echoed back: hostile names can be long. */
const shortName = (name: string) => (name.length > 64 ? `${name.slice(0, 64)}…` : name);

const TYPE_MESSAGES: Record<string, MessageKey> = {
  string: 'field_must_be_text',
  number: 'field_must_be_number',
  int: 'field_must_be_whole_number',
  boolean: 'field_must_be_true_false',
  array: 'field_must_be_list',
  object: 'field_must_be_object',
};

type Issue = z.core.$ZodIssue;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The `schema_` keys' English templates as patterns: a shared schema's own text → its Message. */
const SCHEMA_MESSAGES = Object.entries(CATALOGUE)
  .filter(([key]) => key.startsWith('schema_'))
  .map(([key, entry]) => {
    const names: string[] = [];
    const pattern = entry.en
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (!name) return escapeRegExp(part);
        names.push(name);
        return '(.+?)';
      })
      .join('');
    return { key: key as MessageKey, names, pattern: new RegExp(`^${pattern}$`) };
  });

/** schemaMessage('must be a whole number from 1 to 500') → msg('schema_whole_number_range', { max: '500' }); null for other texts. */
export function schemaMessage(text: string): Message | null {
  for (const { key, names, pattern } of SCHEMA_MESSAGES) {
    const match = pattern.exec(text);
    if (match) return msg(key, Object.fromEntries(names.map((name, i) => [name, match[i + 1]!])));
  }
  return null;
}

/** Too small or too big, in the words of what was measured: characters, items or the number itself. */
function sizeMessage(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): Message {
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'string') {
    if (small && bound === 1) return msg('field_not_empty');
    return small ? msg('field_min_chars', { min: bound }) : msg('field_max_chars', { max: bound });
  }
  if (issue.origin === 'array' || issue.origin === 'set') return small ? msg('field_min_items', { min: bound }) : msg('field_max_items', { max: bound });
  const inclusive = issue.inclusive !== false;
  if (small) return inclusive ? msg('field_min_number', { min: bound }) : msg('field_above_number', { min: bound });
  return inclusive ? msg('field_max_number', { max: bound }) : msg('field_below_number', { max: bound });
}

/**
 * One zod issue as a Message. A schema's own message that is a catalogue key (packages/core
 * writes keys, since it cannot import the catalogue) is that message, and so is a shared form
 * schema's English text with a `schema_` key; otherwise the issue's kind says it: wrong type,
 * too small or too big, one of a list, bad format.
 */
export function issueMessage(issue: Issue): Message {
  if (issue.message in CATALOGUE) return msg(issue.message as MessageKey);
  const shared = schemaMessage(issue.message);
  if (shared) return shared;
  switch (issue.code) {
    case 'invalid_type':
      // A repeated query parameter arrives as an array.
      if (/received array/.test(issue.message) && issue.expected !== 'array') return msg('field_given_twice');
      if (/received undefined/.test(issue.message)) return msg('field_required');
      return TYPE_MESSAGES[issue.expected] ? msg(TYPE_MESSAGES[issue.expected]!) : msg('field_wrong_type', { expected: issue.expected });
    case 'invalid_value':
      return msg('field_one_of', { values: issue.values.map(String).join(', ') });
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue);
    case 'invalid_format':
      return msg('field_bad_format');
    default:
      return msg('field_invalid');
  }
}

/** Readable field issues from a zod error: unknown parameters are named, paths joined with dots. */
export function toFieldIssues(error: z.ZodError, unknownKey: MessageKey = 'field_unknown_parameter', emptyPath = '(query)'): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: shortName(key), message: msg(unknownKey) }));
    return [{ path: shortName(issue.path.join('.')) || emptyPath, message: issueMessage(issue) }];
  });
}

/** ?lang=vi|en, which every endpoint takes: the language of its messages (messages/language.ts). */
const langParam = z
  .enum(LANGUAGES)
  .optional()
  .meta({ description: 'The language of the messages: vi (default) or en; without it, Accept-Language decides' });

/** A route whose strict query schema also takes ?lang (a schema with refinements is extended safely). */
function withLangParam<R extends { request?: { query?: unknown } }>(route: R): R {
  const query = route.request?.query;
  if (!(query instanceof z.ZodObject) || 'lang' in query.shape) return route;
  return { ...route, request: { ...route.request, query: query.safeExtend({ lang: langParam }) } };
}

/** An OpenAPI-aware router whose validation failures use the one error envelope, and whose routes all take ?lang. */
export function createRouter() {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const details = toFieldIssues(result.error as z.ZodError);
        return c.json(errorBody('bad_request', fieldsSummary(details), details, languageOf(c)), 400);
      }
    },
  });
  const openapi = router.openapi;
  router.openapi = ((route, ...rest) => openapi(withLangParam(route), ...rest)) as typeof openapi;
  return router;
}
