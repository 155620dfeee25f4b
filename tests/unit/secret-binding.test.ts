import { afterEach, describe, expect, it, vi } from 'vitest';
import { orderSourceOrigins } from '../../src/main/desk/desk-settings';
import { OrderSourceError } from '../../src/main/intake/sync';
import { requestJson } from '../../src/main/intake/sync/http';
import {
  decodeBoundSecret,
  encodeBoundSecret,
  MemorySecretStore,
  originOf,
  redactableValues,
  secretOriginRefusal,
} from '../../src/main/secrets';

afterEach(() => vi.restoreAllMocks());

describe('a secret bound to its origins', () => {
  it('round-trips its value and origins, and reads an earlier plain value as unbound', () => {
    const stored = encodeBoundSecret('{"secretKey":"s"}', ['https://a.example', 'https://a.example']);
    expect(decodeBoundSecret(stored)).toEqual({ value: '{"secretKey":"s"}', origins: ['https://a.example'] });
    expect(decodeBoundSecret('plain-key')).toEqual({ value: 'plain-key', origins: null });
    expect(decodeBoundSecret('{"accessToken":"x"}')).toEqual({ value: '{"accessToken":"x"}', origins: null });
  });

  it('compares origins as the URL parser normalises them (case, default port), never paths', () => {
    expect(originOf('HTTPS://API.Vapi.AI:443/v1/')).toBe('https://api.vapi.ai');
    expect(originOf('https://api.vapi.ai.evil.example')).toBe('https://api.vapi.ai.evil.example');
    expect(originOf('https://api.vapi.ai@evil.example/')).toBe('https://evil.example');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('not a url')).toBeNull();
    const secret = { value: 'k', origins: ['https://api.vapi.ai'] };
    expect(secretOriginRefusal(secret, 'https://api.vapi.ai/call', 'the key', 'Settings')).toBeNull();
    for (const elsewhere of [
      'https://api.vapi.ai.evil.example',
      'https://api.vapi.ai@evil.example/',
      'http://api.vapi.ai',
      'https://api.vapi.ai:8443',
      'https://xn--pi-7ka.vapi.ai',
    ]) {
      expect(secretOriginRefusal(secret, elsewhere, 'the key', 'Settings')).toMatch(
        /^Did not send the key to/,
      );
    }
  });

  it('gives the log redactor the secret and the strings inside it, not the origins', () => {
    const store = new MemorySecretStore();
    store.set(
      'orderSource.credentials',
      encodeBoundSecret('{"password":"p4ss-w0rd"}', ['https://shop.example']),
    );
    expect(store.knownValues()).toEqual(['{"password":"p4ss-w0rd"}', 'p4ss-w0rd']);
    expect(redactableValues(encodeBoundSecret('k3y', ['https://x.example']))).not.toContain(
      'https://x.example',
    );
  });
});

describe('the order source credentials', () => {
  it("may go to iThink's two production hosts when no address is set, else only to the address", () => {
    expect(orderSourceOrigins({ kind: 'ithink', baseUrl: '', syncBeforeSessions: true })).toEqual([
      'https://my.ithinklogistics.com',
      'https://api.ithinklogistics.com',
    ]);
    expect(
      orderSourceOrigins({ kind: 'ithink', baseUrl: 'http://127.0.0.1:4100/x', syncBeforeSessions: true }),
    ).toEqual(['http://127.0.0.1:4100']);
    expect(
      orderSourceOrigins({ kind: 'none', baseUrl: 'https://a.example', syncBeforeSessions: true }),
    ).toEqual([]);
  });

  it('are refused before any request leaves when the URL is another origin', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const request = requestJson('shop', {
      url: 'https://evil.example/orders',
      headers: { authorization: 'Bearer s' },
      credentialOrigins: ['https://shop.example'],
    });
    await expect(request).rejects.toBeInstanceOf(OrderSourceError);
    await expect(request).rejects.toThrow(
      /Did not send the order-source credentials to https:\/\/evil\.example/,
    );
    const nowhere = requestJson('shop', { url: 'https://shop.example/', credentialOrigins: [] });
    await expect(nowhere).rejects.toThrow(/not saved for any address/);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
