import {
  at,
  checkArray,
  checkBoolean,
  checkObject,
  checkOneOf,
  checkRequired,
  checkString,
  type Errors,
  stringField,
} from './manifest-checks.ts';

const CONFIG_KEY = /^[a-zA-Z][a-zA-Z0-9]*$/;
const CONFIG_TYPES = ['string', 'number', 'boolean', 'select'] as const;
const CONFIG_FIELD_KEYS = ['key', 'type', 'label', 'required', 'secret', 'options', 'origins'];

/**
 * The manifest's `config`: settings the tenant fills in. A secret names the origins it may be sent
 * to, each one of `declaredOrigins` (the manifest's valid `http.origins`): the host fills a secret
 * into requests to those origins only.
 */
export function checkConfig(value: unknown, declaredOrigins: readonly string[], errors: Errors): void {
  const each = (item: unknown, path: string) => {
    const field = checkObject(item, path, CONFIG_FIELD_KEYS, errors);
    if (!field) return;
    if (checkRequired(field, 'key', path, errors)) {
      checkString(field.key, at(path, 'key'), errors, {
        pattern: CONFIG_KEY,
        describe: 'letters and digits, starting with a letter',
        max: 64,
      });
    }
    const typeOk =
      checkRequired(field, 'type', path, errors) &&
      checkOneOf(field.type, at(path, 'type'), CONFIG_TYPES, errors, 'config type');
    if (checkRequired(field, 'label', path, errors)) checkString(field.label, at(path, 'label'), errors);
    checkBoolean(field.required, at(path, 'required'), errors);
    checkBoolean(field.secret, at(path, 'secret'), errors);
    if (typeOk && field.secret === true && field.type !== 'string') {
      errors.push({ path: at(path, 'secret'), message: 'is only allowed on string fields' });
    }
    if (typeOk && field.type === 'select') {
      if (checkRequired(field, 'options', path, errors))
        checkOptions(field.options, at(path, 'options'), errors);
    } else if (typeOk && field.options !== undefined) {
      errors.push({ path: at(path, 'options'), message: 'is only allowed on select fields' });
    }
    if (field.secret === true && field.type === 'string') {
      const required = 'is required on a secret: the origins of http.origins it may be sent to';
      if (checkRequired(field, 'origins', path, errors, required))
        checkSecretOrigins(field.origins, at(path, 'origins'), declaredOrigins, errors);
    } else if (field.secret !== true && field.origins !== undefined) {
      errors.push({ path: at(path, 'origins'), message: 'is only allowed on secret fields' });
    }
  };
  checkArray(value, 'config', errors, each, { key: stringField('key'), path: (path) => at(path, 'key') });
}

function checkSecretOrigins(value: unknown, path: string, declared: readonly string[], errors: Errors): void {
  if (Array.isArray(value) && value.length === 0) {
    errors.push({ path, message: 'must list at least one of http.origins' });
    return;
  }
  const allowed = declared.length === 0 ? 'http.origins, which declares none' : declared.join(', ');
  const each = (item: unknown, itemPath: string) => {
    if (typeof item !== 'string' || !declared.includes(item)) {
      errors.push({ path: itemPath, message: `must be one of ${allowed}` });
    }
  };
  checkArray(value, path, errors, each, { key: (item) => item });
}

function checkOptions(value: unknown, path: string, errors: Errors): void {
  if (Array.isArray(value) && value.length === 0) {
    errors.push({ path, message: 'must list at least one option' });
    return;
  }
  const each = (item: unknown, itemPath: string) => {
    const option = checkObject(item, itemPath, ['value', 'label'], errors);
    if (!option) return;
    if (checkRequired(option, 'value', itemPath, errors))
      checkString(option.value, at(itemPath, 'value'), errors);
    if (checkRequired(option, 'label', itemPath, errors))
      checkString(option.label, at(itemPath, 'label'), errors);
  };
  checkArray(value, path, errors, each, {
    key: stringField('value'),
    path: (itemPath) => at(itemPath, 'value'),
  });
}
