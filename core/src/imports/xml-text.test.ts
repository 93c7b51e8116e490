import { describe, expect, it } from 'vitest';
import { MAX_XML_DEPTH, readXmlText } from './xml-text.ts';

const nested = (depth: number, inner = '') => `${'<a>'.repeat(depth)}${inner}${'</a>'.repeat(depth)}`;

describe('readXmlText', () => {
  it(`accepts ${MAX_XML_DEPTH} levels, with markup characters inside quotes, comments and CDATA`, () => {
    const inner = '<b x="1 > 0" y=\'/>\'/><!-- <c> --><![CDATA[<d>]]><?pi <e>?>';
    expect(readXmlText(nested(MAX_XML_DEPTH - 1, inner))).toContain('CDATA');
  });

  it('refuses 10,000 levels with bad_xml and the line, without exhausting the stack', () => {
    const xml = `<?xml version="1.0"?>\n<root>\n${nested(10_000)}\n</root>`;
    expect(() => readXmlText(xml)).toThrow(
      expect.objectContaining({
        code: 'bad_xml',
        message: `elements are nested more than ${MAX_XML_DEPTH} levels deep (line 3)`,
        details: { line: 3 },
      }),
    );
  });

  it.each([
    ['a raw NUL', '<a>\n<b>x\u0000y</b></a>', 'U+0000', 2],
    ['a raw lone surrogate', '<a>x\ud800</a>', 'U+D800', 1],
    ['a reference to NUL', '<a>\n\n<b>&#0;</b></a>', '&#0;', 3],
    ['a reference to a surrogate', '<a>&#xD800;</a>', '&#xD800;', 1],
    ['a reference past U+10FFFF', '<a>&#x110000;</a>', 'no character', 1],
  ])('refuses %s with bad_xml and its line', (_case, xml, named, line) => {
    expect(() => readXmlText(xml)).toThrow(
      expect.objectContaining({
        code: 'bad_xml',
        message: expect.stringContaining(named),
        details: { line },
      }),
    );
  });

  it('refuses a DOCTYPE and bytes that are not UTF-8', () => {
    expect(() => readXmlText('<!DOCTYPE a [<!ENTITY x "y">]><a/>')).toThrow(
      expect.objectContaining({ code: 'bad_xml' }),
    );
    expect(() => readXmlText(Buffer.from('<a>Zoë</a>', 'latin1'))).toThrow(
      expect.objectContaining({ code: 'not_utf8' }),
    );
  });
});
