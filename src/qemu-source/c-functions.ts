/**
 * C function definitions found by tree-sitter's C grammar (WASM, loaded once per process): their
 * text verbatim, where they start, their parameters and the functions they call. Definitions are
 * found at file level and inside preprocessor conditionals (include guards, `#ifdef CONFIG_…`).
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';

/** One parameter of a function. */
export interface CParameter {
  /** The declared name (empty for an unnamed parameter). */
  readonly name: string;
  /** The whole declaration as written, e.g. `uint64_t *real_dirty_pages`. */
  readonly declaration: string;
}

/** One function definition. */
export interface CFunctionDefinition {
  /** The function's name. */
  readonly name: string;
  /** The definition verbatim, from its first specifier to its closing brace. */
  readonly text: string;
  /** The definition without its body and with a `;`: a prototype, to declare it before any use. */
  readonly prototype: string;
  /** 1-based line of the definition's first character in its file. */
  readonly line: number;
  /** The parameters, in order. */
  readonly parameters: readonly CParameter[];
  /** Names called directly (`name(…)`), in order of first call; function-like macros look the same. */
  readonly calls: readonly string[];
  /** True when the parser had to recover from a syntax error inside the definition. */
  readonly hasSyntaxError: boolean;
}

/** Node types whose children may hold definitions: the file and the preprocessor's conditionals. */
const CONTAINERS = new Set(['translation_unit', 'preproc_if', 'preproc_ifdef', 'preproc_else', 'preproc_elif', 'preproc_elifdef', 'linkage_specification', 'declaration_list']);

let parserPromise: Promise<Parser> | undefined;

/** Loads the grammar once; the WASM runtime start costs some tens of milliseconds. */
async function cParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    const grammarPath = createRequire(import.meta.url).resolve('tree-sitter-c/tree-sitter-c.wasm');
    const parser = new Parser();
    parser.setLanguage(await Language.load(grammarPath));
    return parser;
  })();
  return parserPromise;
}

/**
 * Parses a C file and lists its function definitions.
 * @param text - the file's content
 * @returns the definitions, in file order (a name may appear twice, in different `#if` branches)
 */
export async function functionDefinitions(text: string): Promise<CFunctionDefinition[]> {
  const parser = await cParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('functionDefinitions: tree-sitter returned no tree');
  try {
    const found: CFunctionDefinition[] = [];
    const visit = (node: Node): void => {
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type === 'function_definition') {
          const definition = describeDefinition(child);
          if (definition) found.push(definition);
        } else if (CONTAINERS.has(child.type)) {
          visit(child);
        }
      }
    };
    visit(tree.rootNode);
    return found;
  } finally {
    tree.delete();
  }
}

function describeDefinition(node: Node): CFunctionDefinition | undefined {
  const declarator = functionDeclarator(node.childForFieldName('declarator'));
  const nameNode = declarator?.childForFieldName('declarator');
  const body = node.childForFieldName('body');
  if (!declarator || !nameNode || nameNode.type !== 'identifier' || !body) return undefined;
  const parameterList = declarator.childForFieldName('parameters');
  const parameters = (parameterList?.namedChildren ?? [])
    .filter((p): p is Node => p !== null && p.type === 'parameter_declaration')
    .map((p) => ({ name: declaredName(p.childForFieldName('declarator')), declaration: p.text }));
  const calls: string[] = [];
  for (const call of body.descendantsOfType('call_expression')) {
    const callee = call?.childForFieldName('function');
    if (callee?.type === 'identifier' && !calls.includes(callee.text)) calls.push(callee.text);
  }
  return {
    name: nameNode.text,
    text: node.text,
    prototype: `${node.text.slice(0, body.startIndex - node.startIndex).trimEnd()};`,
    line: node.startPosition.row + 1,
    parameters,
    calls,
    hasSyntaxError: node.hasError,
  };
}

/** Follows pointer and parenthesised declarators down to the function declarator. */
function functionDeclarator(node: Node | null): Node | undefined {
  let current = node;
  while (current && current.type !== 'function_declarator') current = current.childForFieldName('declarator');
  return current ?? undefined;
}

/** The identifier a (possibly pointer or array) declarator declares. */
function declaredName(node: Node | null): string {
  let current = node;
  while (current && current.type !== 'identifier') current = current.childForFieldName('declarator');
  return current?.text ?? '';
}
