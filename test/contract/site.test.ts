import { expect, it } from 'vitest';
import { describeStores } from './harness.ts';

describeStores('site settings', (store) => {
  it('starts with no settings', async () => {
    expect(await store().getSiteSettings()).toEqual({});
  });

  it('sets keys, changes them, and removes them with null', async () => {
    await store().putSiteSettings({ name: 'Ciudad Abierta', featured: '["trees","permits"]', primary_color: '#12263a' });
    expect(await store().getSiteSettings()).toEqual({ name: 'Ciudad Abierta', featured: '["trees","permits"]', primary_color: '#12263a' });
    await store().putSiteSettings({ name: 'Open City', primary_color: null, missing: null });
    expect(await store().getSiteSettings()).toEqual({ name: 'Open City', featured: '["trees","permits"]' });
  });

  it('keeps long values (an uploaded logo) whole', async () => {
    const logo = `data:image/png;base64,${'A'.repeat(270_000)}`;
    await store().putSiteSettings({ logo_url: logo });
    expect((await store().getSiteSettings()).logo_url).toBe(logo);
  });

  it('changes nothing when a transaction fails part way', async () => {
    await store().putSiteSettings({ name: 'Before' });
    await expect(
      store().transaction(async (tx) => {
        await tx.putSiteSettings({ name: 'During', themes: '["Parks"]' });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await store().getSiteSettings()).toEqual({ name: 'Before' });
  });
});
