import { MapViewer } from '../map/MapViewer.tsx';

/** 一张图 (/map): the county's spatial data on one map. */
export function MapPage() {
  return <MapViewer />;
}
