/** A Blob of the bytes, typed with a media type the app chose (never the declared one). */
export function blobOf(bytes: Uint8Array, mediaType: string): Blob {
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType });
}
