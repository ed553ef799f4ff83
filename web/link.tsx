import type { ComponentChildren } from 'preact';
import { navigate } from './navigation.js';

/**
 * A link inside the dashboard: a plain click moves there without reloading the page; a click with
 * a modifier (a new tab, a new window) is left to the browser, which the server answers too.
 */
export function Link(props: {
  href: string;
  class?: string;
  children: ComponentChildren;
  [attribute: string]: unknown;
}) {
  const { href, children, ...rest } = props;
  const follow = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a {...rest} href={href} onClick={follow}>
      {children}
    </a>
  );
}
