// The word-level difference of two wordings, shared by the policy page (what changed since I acknowledged) and the
// draft editor (the draft beside the version in force).
'use strict';

/** Words, each with the spaces after it, so a marked difference keeps the text's spacing and reads as a phrase. */
function tokens(text) {
  return text.match(/\s+|\S+\s*/g) || [];
}

/**
 * The wording after, with words dropped marked <del> and words added marked <ins>, from the
 * longest common subsequence of words. Past 2,000,000 word pairs (a very long clause) the whole text is marked.
 */
function same(x, y) {
  return x.trim() === y.trim();
}

function wordDiff(before, after) {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length * b.length > 2000000) {
    return [Trust.el('del', {text: before}), ' ', Trust.el('ins', {text: after})];
  }
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] = same(a[i], b[j]) ? lcs[(i + 1) * width + j + 1] + 1
          : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  const out = [];
  let i = 0, j = 0;
  const push = (tag, text) => {
    const last = out[out.length - 1];
    if (last && last.tag === tag) last.text += text; else out.push({tag, text});
  };
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && same(a[i], b[j])) { push(null, b[j]); i++; j++; }
    else if (i < a.length && (j === b.length || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])) { push('del', a[i]); i++; }
    else { push('ins', b[j]); j++; }
  }
  return out.map(part => part.tag ? Trust.el(part.tag, {text: part.text}) : part.text);
}
