/** The consumer group of a connector type's apps: `collect.connector.<type>`. */
export function connectorGroupId(type: string): string {
  return `collect.connector.${type}`;
}

/** A connector type name: lower-case words joined by `-`, usable in topic and group names. */
export const connectorTypePattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
