/** The catalogue's part for the platform connectors (connectors/). */
import { defineCatalogue } from './catalogue';

export const connectorMessages = defineCatalogue({});
