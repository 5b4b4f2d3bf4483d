import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';

/** The project boundary (用地红线): a red outline over the data. */
export const BOUNDARY_COLOR = '#e8000b';
export const BOUNDARY_STYLE = new Style({ stroke: new Stroke({ color: BOUNDARY_COLOR, width: 3 }) });
