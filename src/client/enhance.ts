/**
 * Small improvements when JavaScript runs; every page works without them.
 * - The catalog's sort choice applies as soon as it changes.
 */
for (const select of document.querySelectorAll<HTMLSelectElement>('select[data-autosubmit]')) {
  select.addEventListener('change', () => select.form?.requestSubmit());
}
