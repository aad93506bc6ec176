/** Hands `blob` to the browser as a download named `fileName` (an <a download> click; nothing leaves the machine). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // the download has started by then; revoking at once can cancel it in some browsers
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
