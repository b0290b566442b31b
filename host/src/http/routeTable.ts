// The HTTP triggers of an app, compiled once into templates and ordered by ASP.NET Core precedence (spec §2.1).
import { AppLoadError, type FunctionRegistry, type RegisteredFunction } from '../contracts.js';
import { compileTemplate, type CompiledTemplate } from './routeTemplate.js';

export interface HttpRoute {
  fn: RegisteredFunction;
  /** upper-case methods, or undefined for any method */
  methods: ReadonlySet<string> | undefined;
  /** e.g. "api/products/{id:int}" as printed at start */
  displayPath: string;
  authLevel: 'anonymous' | 'function' | 'admin';
  compiled: CompiledTemplate;
}

export interface RouteMatch {
  route: HttpRoute;
  params: Record<string, string>;
}

/**
 * A template with its parameter names taken out and its literals lower-cased: two routes with the same shape
 * match the same requests (`things/{id}` and `Things/{key}`), whatever their parameter names. Constraints stay
 * (`{id:int}` and `{slug}` are told apart by precedence); a default makes a parameter optional.
 */
export function routeShape(template: string): string {
  let shape = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === '{' && template[i + 1] === '{') {
      shape += '{{';
      i++;
    } else if (c === '{') {
      let j = i + 1;
      let body = '';
      while (j < template.length && !(template[j] === '}' && template[j + 1] !== '}')) {
        if (template[j] === '}' && template[j + 1] === '}') {
          body += '}}';
          j += 2;
        } else body += template[j++]!;
      }
      const [, stars = '', rest = ''] = /^(\*{0,2})[^:=?]*(.*)$/s.exec(body) ?? [];
      const withoutDefault = rest.replace(/=.*$/s, '?');
      shape += `{${stars}${withoutDefault}}`;
      i = j;
    } else shape += c.toLowerCase();
  }
  return shape;
}

function comparePrecedence(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export class RouteTable {
  readonly routes: readonly HttpRoute[];

  constructor(registry: FunctionRegistry, routePrefix: string) {
    const routes: HttpRoute[] = [];
    for (const fn of registry.byTriggerType('httpTrigger')) {
      const trigger = fn.trigger as { route?: unknown; methods?: unknown; authLevel?: unknown };
      const route = typeof trigger.route === 'string' && trigger.route.trim() !== '' ? trigger.route : fn.name;
      const displayPath = [routePrefix, route.replace(/^~?\/+/, '')].filter((s) => s !== '').join('/');
      let compiled: CompiledTemplate;
      try {
        compiled = compileTemplate(displayPath);
      } catch (error) {
        throw new AppLoadError(`Function "${fn.name}": invalid route "${route}": ${(error as Error).message}`);
      }
      const methods = Array.isArray(trigger.methods) && trigger.methods.length > 0
        ? new Set(trigger.methods.map((m) => String(m).toUpperCase()))
        : undefined;
      const level = String(trigger.authLevel ?? 'anonymous').toLowerCase();
      if (level !== 'anonymous' && level !== 'function' && level !== 'admin') {
        throw new AppLoadError(`Function "${fn.name}": unknown authLevel "${String(trigger.authLevel)}"`);
      }
      routes.push({ fn, methods, displayPath, authLevel: level, compiled });
    }
    // Stable sort: equal precedence keeps registration order.
    this.routes = routes.sort((a, b) => comparePrecedence(a.compiled.precedence, b.compiled.precedence));
  }

  /** Pairs of functions with the same template and a common method: ASP.NET Core fails such requests as ambiguous. */
  ambiguities(): string[] {
    const found: string[] = [];
    const overlap = (a: HttpRoute, b: HttpRoute) =>
      !a.methods || !b.methods || [...a.methods].some((method) => b.methods!.has(method));
    for (let i = 0; i < this.routes.length; i++) {
      for (let j = i + 1; j < this.routes.length; j++) {
        const a = this.routes[i]!;
        const b = this.routes[j]!;
        if (routeShape(a.displayPath) === routeShape(b.displayPath) && overlap(a, b)) {
          const paths = a.displayPath === b.displayPath ? `/${a.displayPath}` : `/${a.displayPath} and /${b.displayPath}`;
          found.push(`Functions "${a.fn.name}" and "${b.fn.name}" both serve ${paths} for the same method: "${a.fn.name}" wins here`);
        }
      }
    }
    return found;
  }

  /**
   * Finds the route for a request path (no query). A route whose template matches but whose methods do not is
   * skipped, so a wrong method ends in 404 as on Azure (spec §2.1). Returns 'bad-path' for undecodable paths.
   */
  match(method: string, pathname: string): RouteMatch | undefined | 'bad-path' {
    const segments = pathname.split('/');
    segments.shift(); // leading "/"
    if (segments.length > 0 && segments[segments.length - 1] === '') segments.pop(); // one trailing "/"
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      if (segment.includes('%')) {
        try {
          segments[i] = decodeURIComponent(segment);
        } catch {
          return 'bad-path';
        }
      }
    }
    for (const route of this.routes) {
      if (route.methods && !route.methods.has(method)) continue;
      const params = route.compiled.match(segments);
      if (params) return { route, params };
    }
    return undefined;
  }
}
