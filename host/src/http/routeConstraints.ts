// Inline route constraints of ASP.NET Core route templates (spec §2.1), e.g. {id:int}, {code:length(3)}.
// Each constraint is compiled once into a predicate over the URL-decoded segment value.

export type Constraint = (value: string) => boolean;

const INT = /^[-+]?\d+$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const GUID =
  /^(\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}|\([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

function inIntRange(value: string, bits: 32 | 64): boolean {
  if (!INT.test(value)) return false;
  const n = BigInt(value);
  const limit = 1n << BigInt(bits - 1);
  return n >= -limit && n < limit;
}

function numberArgs(name: string, args: string[], count: number[]): number[] {
  if (!count.includes(args.length) || args.some((a) => !/^-?\d+$/.test(a.trim()))) {
    throw new Error(`constraint "${name}" needs ${count.join(' or ')} integer argument(s)`);
  }
  return args.map((a) => Number(a.trim()));
}

/** Builds one constraint from its text, e.g. "int", "range(1,10)", "regex(^\\d+$)". Throws on unknown ones. */
export function compileConstraint(text: string): Constraint {
  const match = /^([a-zA-Z]+)(?:\((.*)\))?$/s.exec(text);
  if (!match) throw new Error(`malformed constraint "${text}"`);
  const name = match[1]!.toLowerCase();
  const rawArgs = match[2];
  const args = rawArgs === undefined ? [] : name === 'regex' ? [rawArgs] : rawArgs.split(',');
  const noArgs = () => {
    if (rawArgs !== undefined) throw new Error(`constraint "${name}" takes no arguments`);
  };
  switch (name) {
    case 'int':
      noArgs();
      return (v) => inIntRange(v, 32);
    case 'long':
      noArgs();
      return (v) => inIntRange(v, 64);
    case 'bool':
      noArgs();
      return (v) => /^(true|false)$/i.test(v);
    case 'guid':
      noArgs();
      return (v) => GUID.test(v);
    case 'datetime':
      noArgs();
      return (v) => v.trim() !== '' && !Number.isNaN(Date.parse(v));
    case 'decimal':
    case 'double':
    case 'float':
      noArgs();
      return (v) => NUMBER.test(v);
    case 'alpha':
      noArgs();
      return (v) => /^[a-z]*$/i.test(v);
    case 'min': {
      const [min] = numberArgs(name, args, [1]);
      return (v) => inIntRange(v, 64) && Number(v) >= min!;
    }
    case 'max': {
      const [max] = numberArgs(name, args, [1]);
      return (v) => inIntRange(v, 64) && Number(v) <= max!;
    }
    case 'range': {
      const [min, max] = numberArgs(name, args, [2]);
      return (v) => inIntRange(v, 64) && Number(v) >= min! && Number(v) <= max!;
    }
    case 'minlength': {
      const [min] = numberArgs(name, args, [1]);
      return (v) => v.length >= min!;
    }
    case 'maxlength': {
      const [max] = numberArgs(name, args, [1]);
      return (v) => v.length <= max!;
    }
    case 'length': {
      const [a, b] = numberArgs(name, args, [1, 2]);
      return b === undefined ? (v) => v.length === a : (v) => v.length >= a! && v.length <= b;
    }
    case 'regex': {
      if (rawArgs === undefined) throw new Error('constraint "regex" needs a pattern');
      // ASP.NET Core's RegexRouteConstraint: case-insensitive and not anchored unless the pattern says so.
      const regex = new RegExp(rawArgs, 'i');
      return (v) => regex.test(v);
    }
    default:
      throw new Error(`unknown route constraint "${name}"`);
  }
}
