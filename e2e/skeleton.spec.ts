import { expect, test } from '@playwright/test';
import { getService } from '../shared/catalogue/index';
import { generatePopulation } from '../shared/register/generator';
import { apiUrl, signInAndUnlock, testPki, waitForOfflineShell } from './helpers';
import { fillIntake, overrideBlockedGates } from './intake-flow';

test('an application accepted offline survives a reload and is delivered when the link returns', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Жаңа өтініш қабылдау' })).toBeVisible();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-connectivity', 'online');
  await waitForOfflineShell(page);
  await signInAndUnlock(page);
  await expect(page.getByTestId('certificate')).toContainText('TEST');

  // The central API goes away (the district link is down). Only the API: in a browser tab the host is on
  // loopback, which a real outage does not cut, while Playwright's setOffline would cut it too.
  await page.route(`${apiUrl()}/**`, (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: 'Қазір жіберу' }).click();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-connectivity', 'offline');

  await page.getByRole('navigation').getByRole('button', { name: 'Жаңа өтініш' }).click();
  // A person the reference register knows, typed as the register has them (the check runs on arrival).
  const person = generatePopulation().individuals[0]!;
  await fillIntake(page, {
    service: getService('school-enrolment'),
    query: 'қабылдау',
    applicantId: person.iin,
    names: { surname: person.surname, name: person.name },
  });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('verdict')).toContainText('толық');
  // Who signs is shown before the signature is made.
  await expect(page.getByTestId('signer-summary')).toHaveAttribute('data-state', 'unlocked');
  await expect(page.getByTestId('signer-summary')).toContainText(testPki().operatorIin);
  await overrideBlockedGates(page);
  await page.getByRole('button', { name: 'Қабылдау және кезекке қою' }).press('Enter');
  await expect(page.getByTestId('receipt')).toHaveAttribute('data-kind', 'acceptance');
  await page.getByRole('button', { name: 'Өтініштер кезегіне өту' }).press('Enter');

  const row = page.getByTestId('queue-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-status', 'ready');
  await expect(row.getByTestId('registration-number')).toHaveText('—');
  await expect(row.getByTestId('signed-by')).toContainText('Қол қойған');

  // Now the whole machine is offline, and the operator reloads: the shell and the queue come from local storage.
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: 'Өтініштер кезегі' }).click();
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
  await expect(page.getByTestId('queue-row')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-connectivity', 'offline');

  await context.setOffline(false);
  await page.unrouteAll();
  await page.getByRole('button', { name: 'Қазір жіберу' }).click();
  await expect(page.getByTestId('queue-row')).toHaveAttribute('data-status', 'registered');
  await expect(page.getByTestId('registration-number')).toHaveText(/^Q\d{4}-\d{8}$/);
  await expect(page.getByTestId('pending-count')).toContainText('0');
});

test('the interface switches between Kazakh and Russian and remembers the choice', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'kk');
  await page.getByRole('button', { name: 'Русский' }).click();
  await expect(page.getByRole('heading', { name: 'Приём нового заявления' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Приём нового заявления' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await page.getByRole('button', { name: 'Қазақша' }).click();
  await expect(page.getByRole('heading', { name: 'Жаңа өтініш қабылдау' })).toBeVisible();
});
