/** The compact schema.org vocabulary derived from schema-dts (see scripts/generate-vocabulary.mjs). */
export interface VocabularyData {
  source: string;
  classes: Record<string, { base: string; parents: string[] }>;
  bases: Record<string, { extends: string[]; properties: string[] }>;
  properties: Record<string, string[]>;
  enumerations: Record<string, string[]>;
  dataTypes: string[];
  pending: string[];
}

/** Questions `check` asks of the vocabulary, answered from the data with caches. */
export class Vocabulary {
  private readonly allowed = new Map<string, Set<string>>();
  private readonly ancestors = new Map<string, Set<string>>();
  private readonly pendingTerms: Set<string>;
  private readonly memberOf = new Map<string, string[]>();

  constructor(readonly data: VocabularyData) {
    this.pendingTerms = new Set(data.pending);
    for (const [enumeration, members] of Object.entries(data.enumerations)) {
      for (const member of members) this.memberOf.set(member, [...(this.memberOf.get(member) ?? []), enumeration]);
    }
  }

  get source(): string {
    return this.data.source;
  }

  isType(name: string): boolean {
    return name in this.data.classes;
  }

  isProperty(name: string): boolean {
    return name in this.data.properties;
  }

  isPending(term: string): boolean {
    return this.pendingTerms.has(term);
  }

  /** The type and all its supertypes. */
  ancestorsOf(type: string): Set<string> {
    let result = this.ancestors.get(type);
    if (!result) {
      result = new Set([type]);
      for (const parent of this.data.classes[type]?.parents ?? []) for (const ancestor of this.ancestorsOf(parent)) result.add(ancestor);
      this.ancestors.set(type, result);
    }
    return result;
  }

  isA(type: string, superType: string): boolean {
    return this.ancestorsOf(type).has(superType);
  }

  /** Every type that is `superType` or one of its subtypes. */
  typesThatAre(superType: string): string[] {
    return Object.keys(this.data.classes).filter((type) => this.isA(type, superType));
  }

  /** Whether schema.org allows `property` on a node of `type` (its domain includes the type or a supertype). */
  allows(type: string, property: string): boolean {
    let properties = this.allowed.get(type);
    if (!properties) {
      properties = new Set();
      const visit = (base: string, seen: Set<string>) => {
        if (seen.has(base)) return;
        seen.add(base);
        const entry = this.data.bases[base];
        if (!entry) return;
        for (const name of entry.properties) properties!.add(name);
        for (const parent of entry.extends) visit(parent, seen);
      };
      const base = this.data.classes[type]?.base;
      if (base) visit(base, new Set());
      this.allowed.set(type, properties);
    }
    return properties.has(property);
  }

  /** The types a property's values may have (classes, data types and enumerations). */
  rangeOf(property: string): string[] {
    return this.data.properties[property] ?? [];
  }

  /** Enumerations that `member` (e.g. `Physiotherapy`) belongs to. */
  enumerationsOf(member: string): string[] {
    return this.memberOf.get(member) ?? [];
  }

  isEnumeration(name: string): boolean {
    return name in this.data.enumerations;
  }

  isDataType(name: string): boolean {
    return this.data.dataTypes.includes(name);
  }
}
