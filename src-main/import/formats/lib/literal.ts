/** The XSD namespace and the datatypes the import formats name. */
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema#';
export const XSD = {
  string: `${XSD_NS}string`,
  double: `${XSD_NS}double`,
  decimal: `${XSD_NS}decimal`,
} as const;

// XSD's built-in datatypes, so a bare `gYear` or `date` in a benchmark file can be written as the IRI it means.
const XSD_NAMES = new Set([
  'string', 'boolean', 'decimal', 'integer', 'double', 'float', 'date', 'time', 'dateTime', 'dateTimeStamp', 'duration',
  'gYear', 'gYearMonth', 'gMonth', 'gMonthDay', 'gDay', 'long', 'int', 'short', 'byte', 'nonNegativeInteger',
  'positiveInteger', 'nonPositiveInteger', 'negativeInteger', 'unsignedLong', 'unsignedInt', 'unsignedShort',
  'unsignedByte', 'anyURI', 'hexBinary', 'base64Binary', 'language', 'normalizedString', 'token',
]);

/** A bare XSD type name (`gYear`, `xsd:date`) as its XSD IRI; anything else as written. */
export function xsdTypeOrName(type: string): string {
  let name = type.trim();
  if (name.startsWith('<') && name.endsWith('>')) name = name.slice(1, -1);
  if (name.startsWith('xsd:')) name = name.slice(4);
  return XSD_NAMES.has(name) ? XSD_NS + name : name;
}

/** A literal split into its lexical value, datatype IRI and language tag. */
export interface ParsedLiteral {
  value: string;
  datatype: string | null;
  lang: string | null;
}

const QUOTED = /^"(.*)"(?:\^\^(<[^<>]*>|[A-Za-z][\w-]*:[^\s"]*)|@([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*))?$/s;
const BARE_TYPED = /^(.*)\^\^<([^<>]+)>$/s;

/**
 * Reads a literal as found in OpenEA-style attribute files: `"text"@en`, `"1.5"^^<http://...#double>`,
 * `"1.5"^^xsd:double`, `1.5^^<...>`, or plain text (taken as written, quotes and all if they do not close the
 * value). Escapes inside quotes (`\"`, `\\`, `\n`, `\t`, `\uXXXX`) are resolved.
 */
export function parseLiteral(text: string): ParsedLiteral {
  const quoted = QUOTED.exec(text);
  if (quoted) {
    const [, body, type, lang] = quoted;
    return { value: unescape(body), datatype: type ? xsdTypeOrName(expandXsd(type)) : null, lang: lang ? lang.toLowerCase() : null };
  }
  const typed = BARE_TYPED.exec(text);
  if (typed) return { value: typed[1], datatype: typed[2], lang: null };
  return { value: text, datatype: null, lang: null };
}

function expandXsd(type: string): string {
  if (type.startsWith('<')) return type.slice(1, -1);
  return type.startsWith('xsd:') ? XSD_NS + type.slice(4) : type;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };

function unescape(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (whole, code: string) => {
    if (code.length > 1) return String.fromCodePoint(parseInt(code.slice(1), 16));
    return ESCAPES[code] ?? whole;
  });
}
