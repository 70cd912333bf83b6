"""The reports page: public statistics of a year, downloads and (editors) builds of the PDF."""
