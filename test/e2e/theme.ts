import { expect, type Page } from '@playwright/test';

/**
 * Puts `page` (one of the extension's pages) in `theme` and waits until it shows it. The pages
 * follow the system's colour scheme through a `change` listener (src/ui/host.ts `followTheme`),
 * which runs a frame or so after `emulateMedia`: a screenshot or an axe run right after it could
 * still see the other theme.
 */
export async function showTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}
