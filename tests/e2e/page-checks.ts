/**
 * Measurements taken inside the page, written as plain JavaScript source for `page.evaluate` (the Node
 * test project has no DOM types). Each is an expression that evaluates to JSON-friendly data. And the
 * keyboard's way to a list: Tab until an element is focused.
 */
import type { Page } from '@playwright/test';

/** Presses Tab (at most 30 times) until the focused element matches `selector`. */
export async function tabUntilFocused(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

export interface TextContrast {
  path: string;
  text: string;
  color: string;
  background: string;
  ratio: number;
  needed: number;
}

/**
 * Every piece of text the operator can see in the elements matching `selector`, with its WCAG contrast
 * ratio: the text colour (with the opacity of it and its ancestors) against the background behind it, the
 * backgrounds of its ancestors blended up to the first opaque one. Text in disabled controls is left out
 * (WCAG exempts it); "large" text (24 px, or 18.66 px bold) needs 3:1, all other text 4.5:1.
 */
export function textContrast(selector: string): string {
  return String.raw`(() => {
    const parse = (css) => {
      const m = css.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const parts = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
      return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
    };
    const over = (top, bottom) => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      return [0, 1, 2].map((i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a).concat(a);
    };
    const luminance = (c) => {
      const [r, g, b] = c.slice(0, 3).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a, b) => {
      const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    const backgroundOf = (element) => {
      const layers = [];
      for (let e = element; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      let colour = [255, 255, 255, 1];
      for (const layer of layers.reverse()) colour = over(layer, colour);
      return colour;
    };
    const opacityOf = (element) => {
      let opacity = 1;
      for (let e = element; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
      return opacity;
    };
    const path = (element) => {
      const parts = [];
      for (let e = element; e && parts.length < 4; e = e.parentElement) {
        const id = e.getAttribute('data-testid');
        parts.unshift(e.tagName.toLowerCase() + (id ? '[' + id + ']' : '') +
          (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : ''));
      }
      return parts.join(' > ');
    };
    const measured = [];
    const seen = new Set();
    for (const scope of document.querySelectorAll(${JSON.stringify(selector)})) {
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || seen.has(element) || !node.textContent.trim()) continue;
      seen.add(element);
      if (element.closest('button:disabled, [aria-disabled="true"], option, datalist, script, style')) continue;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (box.width === 0 || box.height === 0 || style.visibility !== 'visible') continue;
      const background = backgroundOf(element);
      const text = parse(style.color);
      text[3] *= opacityOf(element);
      const shown = over(text, background);
      const r = ratio(shown, background);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const needed = large ? 3 : 4.5;
      measured.push({
        path: path(element),
        text: node.textContent.trim().slice(0, 40),
        color: style.color,
        background: 'rgb(' + background.slice(0, 3).map(Math.round).join(', ') + ')',
        ratio: Math.round(r * 100) / 100,
        needed,
      });
    }
    }
    return measured;
  })()`;
}

/** The text under `selector` whose contrast is below WCAG AA. */
export async function lowContrast(
  page: { evaluate(script: string): Promise<unknown> },
  selector: string,
): Promise<TextContrast[]> {
  const measured = (await page.evaluate(textContrast(selector))) as TextContrast[];
  return measured.filter((text) => text.ratio < text.needed);
}

/**
 * The labels, values and buttons of the header that take more than one line (a button may add its padding
 * and border to its one line), and the header's height.
 */
export const HEADER_LAYOUT = String.raw`(() => {
  const header = document.querySelector('.app-header');
  const wrapped = [];
  for (const item of header.querySelectorAll('.header-label, .header-title, button')) {
    const style = getComputedStyle(item);
    const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
    const allowance = item.tagName === 'BUTTON' ? 24 : 4;
    const height = item.getBoundingClientRect().height;
    if (height > line + allowance) wrapped.push(item.textContent.trim() + ' (' + Math.round(height) + ' px)');
  }
  return { height: header.getBoundingClientRect().height, wrapped };
})()`;

/** The computed font-family of the first element matching a selector. */
export function fontFamilyOf(selector: string): string {
  return `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).fontFamily`;
}

/** The bundled faces the page has loaded (family and status), after the fonts in use are ready. */
export const LOADED_FONTS = String.raw`document.fonts.ready.then(() =>
  [...document.fonts].map((face) => ({ family: face.family.replace(/"/g, ''), status: face.status })))`;
