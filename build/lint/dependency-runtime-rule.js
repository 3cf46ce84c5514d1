// ESLint rule: a package may be imported only from the runtimes build/lint/dependency-runtimes.js allows, and a
// package that is not in that table may not be imported at all (it is undeclared or unreviewed).
import { builtinModules } from 'node:module';
import { dependencyRuntimes, packageOf } from './dependency-runtimes.js';

const builtins = new Set(builtinModules);

/** @type {import('eslint').Rule.RuleModule} */
export const dependencyRuntimeRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each dependency is classified by runtime and imported only where that runtime runs.' },
    schema: [
      {
        type: 'object',
        properties: { runtime: { enum: ['shared', 'renderer', 'electron', 'server', 'build', 'test'] } },
        required: ['runtime'],
        additionalProperties: false,
      },
    ],
    messages: {
      unclassified: "'{{name}}' is not classified in build/lint/dependency-runtimes.js (is it declared in package.json?).",
      wrongRuntime: "Layer rule: '{{name}}' runs in {{allowed}}, not in {{runtime}}/.",
    },
  },
  create(context) {
    const { runtime } = context.options[0];
    function check(node, source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const name = packageOf(source.value);
      if (name === null || builtins.has(name)) return;
      const allowed = dependencyRuntimes[name];
      if (allowed === undefined || allowed === 'types') {
        context.report({ node: source, messageId: 'unclassified', data: { name } });
        return;
      }
      if (runtime === 'test') return;
      const runtimes = allowed === 'test' ? ['tests'] : allowed;
      if (!runtimes.includes(runtime)) {
        context.report({ node: source, messageId: 'wrongRuntime', data: { name, runtime, allowed: runtimes.join(', ') } });
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference?.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]);
      },
    };
  },
};
