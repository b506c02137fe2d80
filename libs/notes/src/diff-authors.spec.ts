import { describe, expect, it } from 'vitest';
import { authorsOfDiffHtml } from './diff-authors';

// As Etherpad 1.8.14's createDiffHTML renders it (seen against the real server).
const html =
  '<style>\n.authora_nW57k7X6dcm5dIvG {background-color: #c1c9e2}\n.authora_Zz9Yy8Xx7Ww6Vv5U {background-color: #FFA8A8}\n' +
  ".removed {text-decoration: line-through; opacity: 0.8; }\n</style>Hello start<br>" +
  '<span class="authora_nW57k7X6dcm5dIvG">typed by alice</span><br><span class="authora_Zz9Yy8Xx7Ww6Vv5U removed">gone</span><br>' +
  '<span class="authora_nW57k7X6dcm5dIvG">more</span><br><br>';

describe('authorsOfDiffHtml', () => {
  it('lists the authors of added text once, with Etherpad colours, and not authors of removed text only', () => {
    expect(authorsOfDiffHtml(html)).toEqual([{ authorId: 'a.nW57k7X6dcm5dIvG', etherpadColour: '#c1c9e2' }]);
  });
  it('is empty for a diff without authored text', () => {
    expect(authorsOfDiffHtml('<style>\n.removed {}\n</style>Hello<br>')).toEqual([]);
  });
});
