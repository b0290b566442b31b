// ASP.NET Core route templates as the Functions host uses them (spec §2.1): literal segments matched
// case-insensitively, {p}, {p?}, {p=default}, {p:constraint(...)}, {*rest}, and complex segments such as
// {name}.{ext}. A template is compiled once; matching walks the decoded path segments with no regex building.
import { compileConstraint, type Constraint } from './routeConstraints.js';

interface Parameter {
  name: string;
  optional: boolean;
  catchAll: boolean;
  defaultValue: string | undefined;
  constraints: Constraint[];
}

type Segment =
  | { kind: 'literal'; lower: string }
  | { kind: 'parameter'; parameter: Parameter }
  | { kind: 'complex'; regex: RegExp; parameters: Parameter[] };

export interface CompiledTemplate {
  /** ASP.NET Core inbound precedence digits per segment (lower wins): literal 1, complex 2, constrained 3, parameter 4, catch-all 5 */
  precedence: number[];
  match(segments: string[]): Record<string, string> | undefined;
}

/** Splits a segment into literal text and `{...}` parameter bodies. `{{`/`}}` escape braces; parentheses protect regex braces. */
function tokenizeSegment(segment: string): ({ literal: string } | { parameter: string })[] {
  const tokens: ({ literal: string } | { parameter: string })[] = [];
  let literal = '';
  let i = 0;
  while (i < segment.length) {
    const ch = segment[i]!;
    if (ch === '{' && segment[i + 1] === '{') {
      literal += '{';
      i += 2;
    } else if (ch === '}' && segment[i + 1] === '}') {
      literal += '}';
      i += 2;
    } else if (ch === '}') {
      throw new Error(`unmatched "}" in segment "${segment}"`);
    } else if (ch === '{') {
      if (literal) tokens.push({ literal });
      literal = '';
      let body = '';
      let depth = 0;
      i++;
      for (;;) {
        if (i >= segment.length) throw new Error(`unclosed "{" in segment "${segment}"`);
        const c = segment[i]!;
        if ((c === '}' || c === '{') && segment[i + 1] === c) {
          body += c; // "{{" / "}}" escape a brace, e.g. regex(^\\d{{3}}$)
          i += 2;
        } else if (depth === 0 && c === '}') {
          i++;
          break;
        } else {
          if (c === '(') depth++;
          if (c === ')') depth = Math.max(0, depth - 1);
          body += c;
          i++;
        }
      }
      tokens.push({ parameter: body });
    } else {
      literal += ch;
      i++;
    }
  }
  if (literal) tokens.push({ literal });
  return tokens;
}

/** Parses the inside of `{...}`: [*|**]name[:constraint[(args)]]...[=default][?] */
function parseParameter(body: string): Parameter {
  let rest = body.trim();
  const catchAll = rest.startsWith('*');
  rest = rest.replace(/^\*{1,2}/, '');
  const nameMatch = /^[^:=?*{}()/]+/.exec(rest);
  if (!nameMatch) throw new Error(`parameter "{${body}}" has no name`);
  const name = nameMatch[0].trim();
  rest = rest.slice(nameMatch[0].length);
  const constraints: Constraint[] = [];
  while (rest.startsWith(':')) {
    rest = rest.slice(1);
    let end = 0;
    let depth = 0;
    while (end < rest.length) {
      const c = rest[end]!;
      if (c === '(') depth++;
      else if (c === ')') depth--;
      else if (depth === 0 && (c === ':' || c === '=' || (c === '?' && end === rest.length - 1))) break;
      end++;
    }
    constraints.push(compileConstraint(rest.slice(0, end)));
    rest = rest.slice(end);
  }
  let optional = false;
  let defaultValue: string | undefined;
  if (rest.endsWith('?')) {
    optional = true;
    rest = rest.slice(0, -1);
  }
  if (rest.startsWith('=')) {
    defaultValue = rest.slice(1);
    rest = '';
  }
  if (rest !== '') throw new Error(`cannot parse parameter "{${body}}"`);
  if (optional && defaultValue !== undefined) throw new Error(`parameter "${name}" cannot be optional and have a default`);
  if (catchAll && optional) throw new Error(`catch-all parameter "${name}" cannot be marked optional`);
  return { name, optional, catchAll, defaultValue, constraints };
}

function accepts(parameter: Parameter, value: string): boolean {
  for (const constraint of parameter.constraints) if (!constraint(value)) return false;
  return true;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileTemplate(template: string): CompiledTemplate {
  const trimmed = template.replace(/^~?\/+/, '').replace(/\/+$/, '');
  const rawSegments = trimmed === '' ? [] : trimmed.split('/');
  const segments: Segment[] = [];
  const precedence: number[] = [];
  const names = new Set<string>();
  const addName = (name: string) => {
    const lower = name.toLowerCase();
    if (names.has(lower)) throw new Error(`parameter "${name}" appears more than once`);
    names.add(lower);
  };

  rawSegments.forEach((raw, index) => {
    if (raw === '') throw new Error('empty segment ("//")');
    const tokens = tokenizeSegment(raw);
    const isLast = index === rawSegments.length - 1;
    if (tokens.length === 1 && 'literal' in tokens[0]!) {
      segments.push({ kind: 'literal', lower: tokens[0].literal.toLowerCase() });
      precedence.push(1);
      return;
    }
    if (tokens.length === 1 && 'parameter' in tokens[0]!) {
      const parameter = parseParameter(tokens[0].parameter);
      addName(parameter.name);
      if (parameter.catchAll && !isLast) throw new Error(`catch-all parameter "${parameter.name}" must be the last segment`);
      segments.push({ kind: 'parameter', parameter });
      precedence.push(parameter.catchAll ? 5 : parameter.constraints.length > 0 ? 3 : 4);
      return;
    }
    // Complex segment, e.g. {name}.{ext}: parameters are lazy, literals anchor them.
    const parameters: Parameter[] = [];
    let pattern = '^';
    let previousWasParameter = false;
    for (const token of tokens) {
      if ('literal' in token) {
        pattern += escapeRegex(token.literal);
        previousWasParameter = false;
      } else {
        if (previousWasParameter) throw new Error(`segment "${raw}" has two parameters with no literal between them`);
        const parameter = parseParameter(token.parameter);
        if (parameter.catchAll) throw new Error(`catch-all parameter "${parameter.name}" must be a whole segment`);
        addName(parameter.name);
        parameters.push(parameter);
        pattern += parameter.optional ? '(.*?)' : '(.+?)';
        previousWasParameter = true;
      }
    }
    segments.push({ kind: 'complex', regex: new RegExp(pattern + '$', 'is'), parameters });
    precedence.push(2);
  });

  // Optional parameters (and defaults) may only be followed by other optional ones (spec §2.1).
  let seenOptional = false;
  for (const segment of segments) {
    const canBeMissing =
      segment.kind === 'parameter' &&
      (segment.parameter.optional || segment.parameter.defaultValue !== undefined || segment.parameter.catchAll);
    if (seenOptional && !canBeMissing) throw new Error('an optional parameter must be at the end of the template');
    if (canBeMissing) seenOptional = true;
  }

  function match(path: string[]): Record<string, string> | undefined {
    const params: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      if (segment.kind === 'parameter' && segment.parameter.catchAll) {
        const { name, defaultValue } = segment.parameter;
        const rest = path.slice(i).join('/');
        if (rest !== '') {
          if (!accepts(segment.parameter, rest)) return undefined;
          params[name] = rest;
        } else if (defaultValue !== undefined) params[name] = defaultValue;
        return params;
      }
      if (i >= path.length) {
        if (segment.kind === 'parameter' && (segment.parameter.optional || segment.parameter.defaultValue !== undefined)) {
          if (segment.parameter.defaultValue !== undefined) params[segment.parameter.name] = segment.parameter.defaultValue;
          continue;
        }
        return undefined;
      }
      const value = path[i]!;
      if (segment.kind === 'literal') {
        if (value.toLowerCase() !== segment.lower) return undefined;
      } else if (segment.kind === 'parameter') {
        if (value === '' || !accepts(segment.parameter, value)) return undefined;
        params[segment.parameter.name] = value;
      } else {
        const found = segment.regex.exec(value);
        if (!found) return undefined;
        for (let p = 0; p < segment.parameters.length; p++) {
          const parameter = segment.parameters[p]!;
          const captured = found[p + 1] ?? '';
          if (captured === '') {
            if (!parameter.optional) return undefined;
            continue;
          }
          if (!accepts(parameter, captured)) return undefined;
          params[parameter.name] = captured;
        }
      }
    }
    return path.length > segments.length ? undefined : params;
  }

  return { precedence, match };
}
