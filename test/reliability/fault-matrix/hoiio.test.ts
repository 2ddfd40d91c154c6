import { describeFaultMatrix } from './matrix';
import { hoiio } from './targets';

describeFaultMatrix(hoiio);
