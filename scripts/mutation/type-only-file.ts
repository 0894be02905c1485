/**
 * Whether a core file holds only type declarations. Such a file compiles to no JavaScript, so Stryker
 * finds nothing to mutate in it and leaves it out of its report; the score tables and the freshness
 * check count it as measured with no mutants rather than as a file no run has reached.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';

/**
 * Compiles a file the way the TypeScript compiler would for one module and looks at what is left.
 * @param absolutePath - the file
 * @returns true when the file compiles to nothing but an empty `export {}`
 */
export function declaresTypesOnly(absolutePath: string): boolean {
  const source = readFileSync(absolutePath, 'utf8');
  const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  // Comments are trivia, not statements; `export {}` only marks the file as a module, and "use strict"
  // is what a file with no import or export compiles to.
  const emptyExport = (statement: ts.Statement) => ts.isExportDeclaration(statement) && statement.moduleSpecifier === undefined && statement.exportClause !== undefined && ts.isNamedExports(statement.exportClause) && statement.exportClause.elements.length === 0;
  const strictMode = (statement: ts.Statement) => ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression) && statement.expression.text === 'use strict';
  return ts.createSourceFile('compiled.js', compiled, ts.ScriptTarget.ES2022).statements.every((statement) => emptyExport(statement) || strictMode(statement));
}
