// Editing the page's stored files directly, for tests and benches that need a long history without
// sending it: Emscripten's IDBFS keeps each file as one entry of the FILE_DATA object store, keyed by
// path. Only while the app is not running: one tab owns the store and would overwrite the edit.
// No imports, so benches can load it before support.mjs reads the environment.

// In the page: opens the IDBFS database (its name holds "/data") and calls use({ db, tx, store, keys })
// with a read-write transaction on FILE_DATA and all its keys; errors go to reject. A callback rather
// than a promise keeps `use` inside the success event, while the transaction is still active.
function openIdbfsStore(use, reject) {
  indexedDB.databases().then((dbs) => {
    const name = dbs.map((d) => d.name).find((n) => n.includes('/data'));
    if (!name) { reject(new Error(`no IDBFS database: ${JSON.stringify(dbs)}`)); return; }
    const open = indexedDB.open(name);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('FILE_DATA', 'readwrite');
      const store = tx.objectStore('FILE_DATA');
      const keys = store.getAllKeys();
      keys.onsuccess = () => use({ db, tx, store, keys: keys.result });
    };
  }, reject);
}

// Leaves the app for a page of the same origin that does not run it, then evaluates `edit(arg)` there
// with window.openIdbfsStore defined; resolves what `edit` resolves.
export async function editStoreOutsideApp(page, siteUrl, edit, arg) {
  await page.goto(`${siteUrl}no-app-here`);
  await page.evaluate(`window.openIdbfsStore = ${openIdbfsStore}`);
  return page.evaluate(edit, arg);
}
