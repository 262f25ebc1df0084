import type { Page } from "playwright-core";

export interface ContrastProblem {
  text: string;
  ratio: number;
  needed: number;
  color: string;
  background: string;
}

/**
 * WCAG 2 contrast of every visible text on the page against the background behind it, computed
 * in the browser from getComputedStyle (background: the nearest ancestor's colour, blended over
 * what is under it where translucent). Normal text needs 4.5:1, large text (24 px, or 18.7 px
 * bold) 3:1; disabled controls are exempt, as WCAG has it. Kept as source text: page.evaluate
 * must get a self-contained function, and the test transform renames nothing inside a string.
 */
const SCRIPT = String.raw`(() => {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1);
  };
  const backgroundOf = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const problems = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim()).map((n) => n.textContent.trim()).join(" ");
    if (!own) continue;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    if (style.visibility === "hidden" || style.display === "none" || rect.width < 2 || rect.height < 2 || rect.right < 0) continue;
    if (el.closest("[disabled], [aria-hidden='true'], .visually-hidden, option")) continue;
    const bg = backgroundOf(el);
    const fg = over(parse(style.color), bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const needed = large ? 3 : 4.5;
    if (ratio < needed) problems.push({ text: own.slice(0, 60), ratio: Math.round(ratio * 100) / 100, needed, color: style.color, background: "rgb(" + bg.slice(0, 3).map(Math.round).join(", ") + ")" });
  }
  return problems;
})()`;

/** The texts on the page below the WCAG AA contrast they need (empty when all pass). */
export async function lowContrastTexts(page: Page): Promise<ContrastProblem[]> {
  return (await page.evaluate(SCRIPT)) as ContrastProblem[];
}

/** How many texts were checked, so a test can tell a pass from a page with nothing on it. */
export async function countTexts(page: Page): Promise<number> {
  return (await page.evaluate(
    String.raw`[...document.querySelectorAll("body *")].filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())).length`,
  )) as number;
}
