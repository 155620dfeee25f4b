// The decisions of scripts/electron-native.mjs, kept apart so they can be unit-tested without a download:
// whether the Electron build on disk is current, whether a built addon is really for Electron's ABI, and the
// environment that keeps node-gyp from quietly building for Node again.

/** The stamp written next to the addon matches what is wanted now (Electron, ABI, better-sqlite3, platform). */
export function isUpToDate(stamp, wanted) {
  if (!stamp || typeof stamp !== 'object') return false;
  return Object.entries(wanted).every(([key, value]) => stamp[key] === value);
}

/**
 * An addon registers itself as `node_register_module_v<ABI>`; Electron refuses one built for another ABI
 * (Node 20's is 115, Electron 45's 150), so a build that fell back to Node's headers is caught here.
 */
export function addonMatchesAbi(bytes, abi) {
  return bytes.includes(Buffer.from(`node_register_module_v${abi}\0`));
}

/**
 * The environment for prebuild-install and node-gyp: npm passes its config down as npm_config_* variables, and
 * a `nodedir` there (this project's machines set one) makes node-gyp use the system Node's headers whatever
 * --target says.
 */
export function envForElectronBuild(env) {
  const clean = { ...env };
  for (const key of Object.keys(clean)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|platform|build_from_source)$/i.test(key)) {
      delete clean[key];
    }
  }
  return clean;
}
