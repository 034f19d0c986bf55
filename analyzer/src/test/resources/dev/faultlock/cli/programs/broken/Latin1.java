package demo.broken;
/* café in Latin-1 */
final class Latin1 {}
