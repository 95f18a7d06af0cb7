/** QAPI's builtin types (generator/read/qapi-language.ts): the language, not an input. */
import { describe, expect, it } from 'vitest';
import { QAPI_BUILTINS, QTYPE_VALUES, isQapiBuiltin, qapiBuiltinType } from '../../generator/read/qapi-language.js';

describe('QAPI builtins', () => {
  const cases: [string, unknown][] = [
    ['str', { kind: 'string', docType: 'str' }],
    ['number', { kind: 'number', docType: 'number' }],
    ['int', { kind: 'int', docType: 'int' }],
    ['int8', { kind: 'int', docType: 'int8', width: 'int8' }],
    ['uint64', { kind: 'int', docType: 'uint64', width: 'uint64' }],
    ['size', { kind: 'int', docType: 'size', width: 'size' }],
    ['bool', { kind: 'bool', docType: 'bool' }],
    ['null', { kind: 'null', docType: 'null' }],
    ['any', { kind: 'any', docType: 'any' }],
    ['QType', undefined],
    ['String', undefined],
    ['json-int', undefined],
  ];
  it.each(cases)('%s', (name, expected) => {
    expect(qapiBuiltinType(name)).toEqual(expected);
    expect(isQapiBuiltin(name)).toBe(expected !== undefined);
  });

  it('every sized integer, and nothing else, has a width', () => {
    const sized = [...QAPI_BUILTINS].filter(([, b]) => b.width !== undefined).map(([n]) => n);
    expect(sized).toEqual(['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'size']);
    expect(QAPI_BUILTINS.size).toBe(15);
  });

  it('introspection json-types', () => {
    expect(Object.fromEntries([...QAPI_BUILTINS].map(([n, b]) => [n, b.json]))).toMatchObject({ str: 'string', bool: 'boolean', any: 'value', size: 'int' });
    expect(QTYPE_VALUES).toContain('qnum');
  });
});
