import type { Resource } from '@medplum/fhirtypes';

interface MemoryInternals {
  resources: Map<string, Map<string, Resource>>;
  history: Map<string, Map<string, Resource[]>>;
}

/**
 * Copies the memory repository's maps so that a failed transaction can be undone: Medplum's memory
 * repository runs transactions without any isolation or rollback. Stored resources are replaced,
 * never mutated, so copying the maps (and the history arrays, which are appended to) is enough.
 * @returns A function that puts the repository back as it was when the snapshot was taken.
 */
export function takeSnapshot(repository: object): () => void {
  const internals = internalsOf(repository);
  const resources = new Map([...internals.resources].map(([type, byId]) => [type, new Map(byId)]));
  const history = new Map(
    [...internals.history].map(([type, byId]) => [
      type,
      new Map([...byId].map(([id, versions]) => [id, versions.slice()])),
    ]),
  );
  return () => {
    internals.resources.clear();
    internals.history.clear();
    for (const [type, byId] of resources) internals.resources.set(type, byId);
    for (const [type, byId] of history) internals.history.set(type, byId);
  };
}

function internalsOf(repository: object): MemoryInternals {
  const candidate = repository as Partial<MemoryInternals>;
  if (!(candidate.resources instanceof Map) || !(candidate.history instanceof Map)) {
    throw new Error(
      'Medplum MemoryRepository no longer keeps resources/history maps: rollback needs updating',
    );
  }
  return candidate as MemoryInternals;
}
