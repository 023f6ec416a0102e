/**
 * Every message key the code in src/ can ask for, found with the TypeScript compiler: each call of a
 * translation function (`ctx.t`, `dialogue.t`, `app.i18n.t`, … — any `t` whose parameter is named
 * `key`) and every value its key argument can take. A key built at run time is enumerated from what
 * the code says it can be: a union type (`staff-${notice.kind}`), a constant list it iterates, a
 * constant object it indexes, the object literals of an interface (`this.texts.cancelled`), the return
 * values of one of our functions (`blockedMessageKey(…)`), the defaults and arguments of a parameter.
 * A property typed only as `string` can be given its values by the caller (`known`, by the property's
 * declared path, "PersonalDataCopy.account.blockedBy"). What cannot be enumerated is reported, so that a
 * new kind of key fails the test instead of passing it.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { PROJECT_ROOT } from "../../src/paths";

export interface KeyUse {
  /** Where the translation call is, "src/bot/commands.ts:9". */
  at: string;
  expression: string;
  keys: string[];
}

export interface KeyScan {
  uses: KeyUse[];
  /** Key expressions that could not be enumerated, with where they are. */
  unresolved: string[];
}

const SOURCE_DIRECTORY = join(PROJECT_ROOT, "src");
const TRANSLATION_FUNCTIONS = new Set(["t", "translate"]);
const ITERATING_METHODS = new Set(["map", "flatMap", "forEach", "filter", "find", "some", "every"]);

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
}

class Unresolvable extends Error {
  constructor(readonly node: ts.Node) {
    super(node.getText());
  }
}

/** What a parameter stands for inside one call: the argument (or default) and the caller's own bindings. */
type Bindings = Map<ts.Symbol, { expression: ts.Expression; bindings: Bindings }>;

const MAX_DEPTH = 12;

/** Values of properties whose type does not spell them out, by declared path. */
export type KnownValues = Record<string, readonly string[]>;

class KeyResolver {
  private readonly checker: ts.TypeChecker;
  private readonly files: readonly ts.SourceFile[];

  constructor(
    program: ts.Program,
    private readonly known: KnownValues,
  ) {
    this.checker = program.getTypeChecker();
    this.files = program.getSourceFiles().filter((file) => file.fileName.startsWith(SOURCE_DIRECTORY));
  }

  scan(): KeyScan {
    const uses: KeyUse[] = [];
    const unresolved: string[] = [];
    for (const file of this.files) {
      const visit = (node: ts.Node): void => {
        const key = ts.isCallExpression(node) ? this.keyArgument(node) : undefined;
        if (key && !this.isForwardedKey(key)) {
          const at = `${relative(PROJECT_ROOT, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
          try {
            uses.push({ at, expression: key.getText(), keys: [...new Set(this.values(key, new Map(), 0))].sort() });
          } catch (error) {
            if (!(error instanceof Unresolvable)) throw error;
            unresolved.push(`${at}: ${key.getText()} (cannot enumerate ${error.message})`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    return { uses, unresolved };
  }

  /** The argument given for the parameter named `key`, if this is a call of a translation function. */
  private keyArgument(call: ts.CallExpression): ts.Expression | undefined {
    const callee = call.expression;
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
    if (!name || !TRANSLATION_FUNCTIONS.has(name)) return undefined;
    const parameters = this.checker.getResolvedSignature(call)?.getParameters() ?? [];
    const index = parameters.findIndex((parameter) => parameter.name === "key");
    return index >= 0 ? call.arguments[index] : undefined;
  }

  /** A translation function of ours passing its own `key` on: its callers are scanned instead. */
  private isForwardedKey(key: ts.Expression): boolean {
    const declaration = ts.isIdentifier(key) ? this.checker.getSymbolAtLocation(key)?.valueDeclaration : undefined;
    if (!declaration || !ts.isParameter(declaration)) return false;
    const owner = declaration.parent;
    return owner.name !== undefined && ts.isIdentifier(owner.name) && TRANSLATION_FUNCTIONS.has(owner.name.text);
  }

  private values(node: ts.Expression, bindings: Bindings, depth: number): string[] {
    if (depth > MAX_DEPTH) throw new Unresolvable(node);
    const next = depth + 1;
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node)) {
      return this.values(node.expression, bindings, next);
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isNumericLiteral(node)) return [node.text];
    if (ts.isConditionalExpression(node)) return [...this.values(node.whenTrue, bindings, next), ...this.values(node.whenFalse, bindings, next)];
    if (ts.isTemplateExpression(node)) {
      let results = [node.head.text];
      for (const span of node.templateSpans) {
        const parts = this.values(span.expression, bindings, next);
        results = results.flatMap((start) => parts.map((part) => `${start}${part}${span.literal.text}`));
      }
      return results;
    }
    const bound = this.bound(node, bindings);
    if (bound) return this.values(bound.expression, bound.bindings, next);
    const typed = this.literalsOfType(node);
    if (typed) return typed;
    if (ts.isIdentifier(node)) return this.identifierValues(node, bindings, next);
    if (ts.isPropertyAccessExpression(node)) return this.propertyValues(node, next);
    if (ts.isElementAccessExpression(node)) return this.indexedValues(node, next);
    if (ts.isCallExpression(node)) return this.callValues(node, bindings, next);
    throw new Unresolvable(node);
  }

  private bound(node: ts.Expression, bindings: Bindings) {
    const symbol = ts.isIdentifier(node) ? this.checker.getSymbolAtLocation(node) : undefined;
    return symbol ? bindings.get(symbol) : undefined;
  }

  /** The values of a string (or number) literal type, or of a union of them. */
  private literalsOfType(node: ts.Expression): string[] | undefined {
    const type = this.checker.getTypeAtLocation(node);
    const members = type.isUnion() ? type.types : [type];
    const values = members.map((member) => (member.isStringLiteral() || member.isNumberLiteral() ? String(member.value) : undefined));
    return values.every((value) => value !== undefined) ? values : undefined;
  }

  private identifierValues(node: ts.Identifier, bindings: Bindings, depth: number): string[] {
    const declaration = this.checker.getSymbolAtLocation(node)?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && isConst(declaration)) {
      return this.values(declaration.initializer, bindings, depth);
    }
    if (declaration && ts.isParameter(declaration)) return this.parameterValues(declaration, depth);
    throw new Unresolvable(node);
  }

  /**
   * A parameter: an element of the constant list whose callback it belongs to
   * (`["system", "law"].map((purpose) => …)`), else its default and what every call passes for it.
   */
  private parameterValues(parameter: ts.ParameterDeclaration, depth: number): string[] {
    const owner = parameter.parent;
    const list = ts.isArrowFunction(owner) || ts.isFunctionExpression(owner) ? this.iteratedList(owner) : undefined;
    if (list) return list.elements.flatMap((element) => this.values(element, new Map(), depth));
    const index = owner.parameters.indexOf(parameter);
    const calls = this.callsOf(owner);
    if (calls.length === 0 && !parameter.initializer) throw new Unresolvable(parameter);
    return [
      ...(parameter.initializer ? this.values(parameter.initializer, new Map(), depth) : []),
      ...calls.flatMap((call) => {
        const argument = call.arguments[index];
        if (argument) return this.values(argument, new Map(), depth);
        if (parameter.initializer) return [];
        throw new Unresolvable(call);
      }),
    ];
  }

  /** The array literal a callback iterates: `[…].map(callback)`, directly or through a constant. */
  private iteratedList(callback: ts.ArrowFunction | ts.FunctionExpression): ts.ArrayLiteralExpression | undefined {
    const call = callback.parent;
    if (!ts.isCallExpression(call) || call.arguments[0] !== callback || !ts.isPropertyAccessExpression(call.expression)) return undefined;
    if (!ITERATING_METHODS.has(call.expression.name.text)) return undefined;
    return this.constantInitializer(call.expression.expression, ts.isArrayLiteralExpression);
  }

  /** The initializer of a constant (or the literal itself), when it is of the wanted kind. */
  private constantInitializer<T extends ts.Expression>(node: ts.Expression, is: (node: ts.Node) => node is T): T | undefined {
    let expression = node;
    while (ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression) || ts.isParenthesizedExpression(expression)) expression = expression.expression;
    if (is(expression)) return expression;
    if (!ts.isIdentifier(expression)) return undefined;
    const declaration = this.checker.getSymbolAtLocation(expression)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !isConst(declaration)) return undefined;
    return this.constantInitializer(declaration.initializer, is);
  }

  /** Every call in src/ of the function that declares these parameters. */
  private callsOf(owner: ts.SignatureDeclaration): ts.CallExpression[] {
    const name = owner.name && ts.isIdentifier(owner.name) ? owner.name.text : undefined;
    if (!name) return [];
    const calls: ts.CallExpression[] = [];
    for (const file of this.files) {
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && calleeName(node) === name && this.checker.getResolvedSignature(node)?.declaration === owner) calls.push(node);
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    return calls;
  }

  /** `this.texts.cancelled`: the property in every object literal of our code typed with that interface. */
  private propertyValues(node: ts.PropertyAccessExpression, depth: number): string[] {
    const property = this.checker.getSymbolAtLocation(node.name);
    const declaration = property?.valueDeclaration;
    if (declaration && ts.isPropertyAssignment(declaration)) return this.values(declaration.initializer, new Map(), depth);
    if (!property || !declaration || !ts.isPropertySignature(declaration)) throw new Unresolvable(node);
    const known = this.known[declaredPath(declaration)];
    if (known) return [...known];
    const found: string[] = [];
    for (const file of this.files) {
      const visit = (candidate: ts.Node): void => {
        // The name is compared first: asking for the contextual type of every object literal is slow.
        const assignment = ts.isObjectLiteralExpression(candidate)
          ? candidate.properties.find((member): member is ts.PropertyAssignment => ts.isPropertyAssignment(member) && member.name.getText() === property.name)
          : undefined;
        if (assignment && this.checker.getContextualType(candidate as ts.ObjectLiteralExpression)?.getProperty(property.name) === property) {
          found.push(...this.values(assignment.initializer, new Map(), depth));
        }
        ts.forEachChild(candidate, visit);
      };
      visit(file);
    }
    if (found.length === 0) throw new Unresolvable(node);
    return found;
  }

  /** `FIELD_KEYS[field]`: every value of the constant object. */
  private indexedValues(node: ts.ElementAccessExpression, depth: number): string[] {
    const object = this.constantInitializer(node.expression, ts.isObjectLiteralExpression);
    if (!object) throw new Unresolvable(node);
    return object.properties.flatMap((member) => {
      if (!ts.isPropertyAssignment(member)) throw new Unresolvable(member);
      return this.values(member.initializer, new Map(), depth);
    });
  }

  /** `reason.replaceAll("_", "-")`, or one of our functions: what its return statements can give. */
  private callValues(call: ts.CallExpression, bindings: Bindings, depth: number): string[] {
    const callee = call.expression;
    if (ts.isPropertyAccessExpression(callee) && (callee.name.text === "replaceAll" || callee.name.text === "replace")) {
      const [search, replacement] = call.arguments;
      if (search && replacement && ts.isStringLiteral(search) && ts.isStringLiteral(replacement)) {
        const method = callee.name.text;
        return this.values(callee.expression, bindings, depth).map((value) =>
          method === "replaceAll" ? value.replaceAll(search.text, replacement.text) : value.replace(search.text, replacement.text),
        );
      }
    }
    const declaration = this.checker.getResolvedSignature(call)?.declaration;
    if (!declaration || !ts.isFunctionLike(declaration) || !declaration.getSourceFile().fileName.startsWith(SOURCE_DIRECTORY)) throw new Unresolvable(call);
    const body = "body" in declaration ? declaration.body : undefined;
    if (!body) throw new Unresolvable(call);
    const inner: Bindings = new Map();
    declaration.parameters.forEach((parameter, index) => {
      const symbol = this.checker.getSymbolAtLocation(parameter.name);
      const expression = call.arguments[index] ?? parameter.initializer;
      if (symbol && expression) inner.set(symbol, { expression, bindings: call.arguments[index] ? bindings : new Map() });
    });
    const returned = ts.isBlock(body) ? returnedExpressions(body) : [body];
    if (returned.length === 0) throw new Unresolvable(call);
    return returned.flatMap((expression) => this.values(expression, inner, depth));
  }
}

/** "PersonalDataCopy.account.blockedBy": the property's name after those of the types that hold it. */
function declaredPath(property: ts.PropertySignature): string {
  const names = [property.name.getText()];
  for (let node: ts.Node = property.parent; !ts.isSourceFile(node); node = node.parent) {
    if ((ts.isPropertySignature(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && node.name) names.unshift(node.name.getText());
  }
  return names.join(".");
}

function isConst(declaration: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
}

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
}

/** The expressions of a function body's own return statements (not those of functions inside it). */
function returnedExpressions(body: ts.Block): ts.Expression[] {
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/**
 * The packages whose types a key can depend on: grammY's context and i18n (the signatures of `t`). The
 * others (Node, drizzle, WhatsApp's browser) are left unread, as `any`: parsing them would triple the time.
 */
const TYPED_PACKAGES = /^(grammy|@grammyjs\/|@fluent\/)/;

/** Scans src/ with the project's compiler options. */
export function scanTranslationKeys(known: KnownValues = {}): KeyScan {
  const config = ts.readConfigFile(join(PROJECT_ROOT, "tsconfig.json"), (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, PROJECT_ROOT);
  const compilerOptions: ts.CompilerOptions = { ...options, noEmit: true, types: [] };
  const host = ts.createCompilerHost(compilerOptions);
  host.resolveModuleNameLiterals = (literals, containingFile, _redirected, resolving) =>
    literals.map((literal) =>
      literal.text.startsWith(".") || TYPED_PACKAGES.test(literal.text)
        ? ts.resolveModuleName(literal.text, containingFile, resolving, host)
        : { resolvedModule: undefined },
    );
  host.resolveTypeReferenceDirectiveReferences = (references) => references.map(() => ({ resolvedTypeReferenceDirective: undefined }));
  const program = ts.createProgram(sourceFiles(SOURCE_DIRECTORY), compilerOptions, host);
  return new KeyResolver(program, known).scan();
}
