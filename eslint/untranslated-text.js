/**
 * An ESLint rule for the web app: words a person sees come from the language catalogues
 * (web/src/i18n/messages), never from a literal in the JSX — text between tags, a string in
 * braces (also in a `?:` or `&&`), or a visible attribute or prop (title, aria-label, alt,
 * placeholder, label, lead, heading, hint, a stacked table's data-label). Text without a letter (" · ", "–") is fine.
 */
const VISIBLE = new Set([
  'title',
  'aria-label',
  'alt',
  'placeholder',
  'label',
  'lead',
  'heading',
  'hint',
  'legend',
  'data-label',
]);
const LETTER = /\p{L}/u;

/** The string literals an expression can yield (through `?:` and `&&`/`||`/`??`). */
function literalsOf(node, out = []) {
  if (!node) return out;
  if (node.type === 'Literal' && typeof node.value === 'string') out.push([node, node.value]);
  else if (node.type === 'TemplateLiteral') out.push([node, node.quasis.map((q) => q.value.cooked).join(' ')]);
  else if (node.type === 'ConditionalExpression') literalsOf(node.consequent, literalsOf(node.alternate, out));
  else if (node.type === 'LogicalExpression') literalsOf(node.right, literalsOf(node.left, out));
  return out;
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Visible text in the web app comes from the language catalogues' },
    schema: [],
    messages: {
      text: 'Visible text "{{text}}" is not translated: put it in web/src/i18n/messages and use t(...)',
    },
  },
  create(context) {
    const report = (node, text) =>
      context.report({ node, messageId: 'text', data: { text: text.trim().slice(0, 40) } });
    const check = (expression) => {
      for (const [node, text] of literalsOf(expression)) if (LETTER.test(text)) report(node, text);
    };
    return {
      JSXText(node) {
        if (LETTER.test(node.value)) report(node, node.value);
      },
      JSXExpressionContainer(node) {
        const parent = node.parent;
        if (parent.type === 'JSXElement' || parent.type === 'JSXFragment') check(node.expression);
      },
      JSXAttribute(node) {
        const name = typeof node.name.name === 'string' ? node.name.name : '';
        if (!VISIBLE.has(name) || !node.value) return;
        if (node.value.type === 'Literal') check(node.value);
        else if (node.value.type === 'JSXExpressionContainer') check(node.value.expression);
      },
    };
  },
};
