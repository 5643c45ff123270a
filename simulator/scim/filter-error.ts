// A problem in a SCIM filter, with the 0-based character position it was found at.
export class FilterSyntaxError extends Error {
  readonly position: number;
  constructor(message: string, position: number) {
    super(message);
    this.name = "FilterSyntaxError";
    this.position = position;
  }
}
